package dev.agentmail.auth.token;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The {@code signing_keys} table, shared by every replica: the database, not a replica's memory, says which key
 * signs. Private keys are stored sealed ({@link PrivateKeySeal}) under the operators' secret.
 */
@ApplicationScoped
class SigningKeyStore {

    private static final Logger LOG = Logger.getLogger(SigningKeyStore.class);
    private static final String INSERT = "insert into signing_keys (kid, public_jwk, private_key) values ($1, $2, $3)";

    private final Pool pool;
    private final PrivateKeySeal seal;
    private final Optional<PrivateKeySeal> previous;

    SigningKeyStore(Pool pool, IssuerConfig config) {
        this.pool = pool;
        this.seal = new PrivateKeySeal(config.signingKeys().secret());
        this.previous = config.signingKeys().previousSecret().map(PrivateKeySeal::new);
    }

    /**
     * Seals under the current secret the private keys an earlier version stored in the clear, and those sealed
     * under the previous secret, each in place (the update names the text it read, so replicas doing the same at
     * once seal each key once). A key that opens under neither is left as it is: loading it names it.
     */
    Uni<Void> sealUnderCurrentSecret() {
        return pool.query("select kid, private_key from signing_keys").execute()
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> {
                    String kid = row.getString("kid");
                    String stored = row.getString("private_key");
                    Optional<String> clear = !PrivateKeySeal.isSealed(stored) ? Optional.of(stored)
                            : seal.tryOpen(kid, stored).isPresent() ? Optional.empty()
                            : previous.flatMap(old -> old.tryOpen(kid, stored));
                    if (clear.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return pool.preparedQuery(
                                    "update signing_keys set private_key = $1 where kid = $2 and private_key = $3")
                            .execute(Tuple.of(seal.seal(kid, clear.get()), kid, stored))
                            .invoke(() -> LOG.infof("sealed the private key of signing key %s under the current "
                                    + "secret", kid))
                            .replaceWithVoid();
                })
                .collect().last().replaceWithVoid();
    }

    /** The active key and every key retired less than {@code window} ago, newest first. */
    Uni<List<StoredKey>> published(Duration window) {
        return pool.preparedQuery("""
                        select kid, public_jwk::text as public_jwk,
                               case when retired_at is null then private_key end as private_key
                        from signing_keys
                        where retired_at is null or retired_at > now() - $1::bigint * interval '1 millisecond'
                        order by created_at desc""")
                .execute(Tuple.of(window.toMillis()))
                .map(rows -> {
                    List<StoredKey> keys = new ArrayList<>();
                    for (Row row : rows) {
                        String kid = row.getString("kid");
                        String privateKey = row.getString("private_key");
                        keys.add(new StoredKey(kid, row.getString("public_jwk"), privateKey == null ? null
                                : PrivateKeySeal.isSealed(privateKey) ? open(kid, privateKey) : privateKey));
                    }
                    return keys;
                });
    }

    /**
     * Adds {@code key} as the active key unless there is one: of replicas starting together on an empty table,
     * one inserts and the others' inserts do nothing (the partial unique index allows a single active key).
     */
    Uni<Void> insertIfNoneActive(SigningKey key) {
        return pool.preparedQuery(INSERT + " on conflict do nothing")
                .execute(row(key))
                .replaceWithVoid();
    }

    /** Retires the active key and makes {@code key} the active one, in one transaction. */
    Uni<Void> rotateTo(SigningKey key) {
        return pool.withTransaction(connection -> connection
                // Conflicts with itself and with plain inserts, not with reads: concurrent rotations take turns
                // instead of both retiring the same key and colliding on the single active slot.
                .query("lock table signing_keys in share row exclusive mode").execute()
                .chain(() -> connection.query("update signing_keys set retired_at = now() where retired_at is null")
                        .execute())
                .chain(() -> connection.preparedQuery(INSERT)
                        .execute(row(key)))
                .replaceWithVoid());
    }

    /** A sealed key, under the current secret or, while it changes, the previous one. */
    private String open(String kid, String sealed) {
        return seal.tryOpen(kid, sealed)
                .or(() -> previous.flatMap(old -> old.tryOpen(kid, sealed)))
                .orElseThrow(() -> new IllegalStateException("the private key of signing key " + kid + " does not "
                        + "open with agentmail.auth.signing-keys.secret (nor previous-secret): set the secret it was "
                        + "sealed with"));
    }

    private Tuple row(SigningKey key) {
        // A JsonObject, as the client would send a String as a JSON string rather than the object it holds.
        return Tuple.of(key.kid(), new JsonObject(key.publicJwk()), seal.seal(key.kid(), key.privateKeyPkcs8()));
    }
}
