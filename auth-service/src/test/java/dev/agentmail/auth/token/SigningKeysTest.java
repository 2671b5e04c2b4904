package dev.agentmail.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.auth.security.Principals;
import dev.agentmail.auth.security.Tokens;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The signing key lives in the database, sealed: created once, kept across loads, one active key whoever creates it.
 */
@QuarkusTest
class SigningKeysTest {

    @Inject
    InternalTokens internalTokens;

    @Inject
    SigningKeys signingKeys;

    @Inject
    SigningKeyStore store;

    @ConfigProperty(name = "agentmail.auth.signing-keys.secret")
    String currentSecret;

    @ConfigProperty(name = "agentmail.auth.signing-keys.previous-secret")
    String previousSecret;

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void theKeyThatSignsIsARowOfTheTable() {
        String kid = Tokens.kidOf(issue());

        List<Map<String, Object>> rows = database.query(
                "select public_jwk ->> 'kid' as jwk_kid, public_jwk ->> 'alg' as alg, private_key, retired_at"
                        + " from signing_keys where kid = ?", kid);
        assertEquals(1, rows.size());
        assertEquals(kid, rows.get(0).get("jwk_kid"));
        assertEquals("RS256", rows.get(0).get("alg"));
        assertFalse(((String) rows.get(0).get("private_key")).isEmpty());
        assertNull(rows.get(0).get("retired_at"));
    }

    @Test
    void thePrivateKeyIsStoredSealedNeverInTheClear() {
        SigningKey active = signingKeys.active().await().indefinitely();

        String stored = (String) database.query("select private_key from signing_keys where kid = ?", active.kid())
                .get(0).get("private_key");
        assertTrue(stored.startsWith(PrivateKeySeal.PREFIX), stored.substring(0, 20));
        assertFalse(stored.contains(active.privateKeyPkcs8().substring(40, 80)));
    }

    @Test
    void aKeyAnEarlierVersionStoredInTheClearIsSealedAndStillSigns() {
        SigningKey active = signingKeys.active().await().indefinitely();
        database.execute("update signing_keys set private_key = ? where kid = ?", active.privateKeyPkcs8(),
                active.kid());

        store.sealUnderCurrentSecret().await().indefinitely();

        String stored = (String) database.query("select private_key from signing_keys where kid = ?", active.kid())
                .get(0).get("private_key");
        assertTrue(stored.startsWith(PrivateKeySeal.PREFIX));
        assertEquals(active.kid(), signingKeys.reload().await().indefinitely().active().kid());
        assertEquals(active.kid(), Tokens.kidOf(issue()));
    }

    @Test
    void aKeySealedUnderThePreviousSecretOpensAndIsSealedAnewUnderTheCurrentOne() {
        SigningKey active = signingKeys.active().await().indefinitely();
        String underPrevious = new PrivateKeySeal(previousSecret).seal(active.kid(), active.privateKeyPkcs8());
        database.execute("update signing_keys set private_key = ? where kid = ?", underPrevious, active.kid());
        assertEquals(active.kid(), signingKeys.reload().await().indefinitely().active().kid(), "opens meanwhile");

        store.sealUnderCurrentSecret().await().indefinitely();

        String stored = (String) database.query("select private_key from signing_keys where kid = ?", active.kid())
                .get(0).get("private_key");
        assertEquals(Optional.of(active.privateKeyPkcs8()), new PrivateKeySeal(currentSecret).tryOpen(active.kid(),
                stored));
        assertEquals(active.kid(), Tokens.kidOf(issue()));
    }

    @Test
    void theStoredPublicJwkHoldsNoPrivatePart() {
        issue();
        List<Map<String, Object>> rows = database.query("select kid from signing_keys where exists"
                + " (select 1 from jsonb_object_keys(public_jwk) as member where member in ('d', 'p', 'q', 'dp', 'dq', 'qi'))");
        assertEquals(List.of(), rows);
    }

    @Test
    void issuingAgainUsesTheSameKey() {
        assertEquals(Tokens.kidOf(issue()), Tokens.kidOf(issue()));
    }

    @Test
    void loadingAgainCreatesNoKey() {
        List<Map<String, Object>> before = database.query("select kid from signing_keys order by kid");
        String active = signingKeys.active().await().indefinitely().kid();

        KeyRing loaded = signingKeys.ensureActive().await().indefinitely();

        assertEquals(active, loaded.active().kid());
        assertEquals(before, database.query("select kid from signing_keys order by kid"));
    }

    @Test
    void replicasStartingTogetherOnATableWithoutAnActiveKeyCreateOne() {
        database.query("update signing_keys set retired_at = now() where retired_at is null returning kid");

        List<KeyRing> loaded = Uni.join().all(signingKeys.ensureActive(), signingKeys.ensureActive()).andFailFast()
                .await().indefinitely();

        List<Map<String, Object>> active = database.query("select kid from signing_keys where retired_at is null");
        assertEquals(1, active.size());
        assertEquals(active.get(0).get("kid"), loaded.get(0).active().kid());
        assertEquals(active.get(0).get("kid"), loaded.get(1).active().kid());
    }

    private String issue() {
        return internalTokens.issue(Principals.organizationKey()).await().indefinitely().token();
    }
}
