package dev.agentmail.auth.token;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.auth.security.Principals;
import dev.agentmail.auth.security.Tokens;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operators rotate the signing key; tokens of the retired key keep working until they have expired. */
@QuarkusTest
class SigningKeyRotationTest {

    private static final String ROTATE = "/admin/signing-keys/rotate";

    @Inject
    InternalTokens internalTokens;

    @Inject
    SigningKeys signingKeys;

    @Inject
    SigningKeyStore store;

    @InjectTestDatabase
    TestDatabase database;

    @InjectTestIssuer
    TestIssuer operators;

    @Test
    void rotationWithoutAnOperatorTokenIsRejected() {
        given().post(ROTATE).then().statusCode(401);
    }

    @Test
    void rotationWithAnInternalTokenIsRejected() {
        given().auth().oauth2(issue()).post(ROTATE).then().statusCode(401);
    }

    @Test
    void newTokensCarryTheNewKid() {
        String retired = Tokens.kidOf(issue());

        String rotated = rotate();

        assertNotEquals(retired, rotated);
        assertEquals(rotated, Tokens.kidOf(issue()));
        assertNotNull(database.query("select retired_at from signing_keys where kid = ?", retired).get(0)
                .get("retired_at"));
    }

    @Test
    void theJwksPublishesTheRetiredKeyBesideTheNewOne() {
        String retired = Tokens.kidOf(issue());

        String rotated = rotate();

        assertTrue(PublishedJwks.kids().containsAll(List.of(retired, rotated)));
    }

    @Test
    void aTokenSignedBeforeTheRotationStillPasses() {
        String token = issue();

        rotate();

        given().auth().oauth2(token).get("/v0/auth/me").then().statusCode(200);
    }

    @Test
    void aKeyRetiredLongerAgoThanLifetimeAndMarginIsNoLongerPublished() {
        String token = issue();
        String retired = Tokens.kidOf(token);
        rotate();

        // As if the rotation had happened a day ago.
        database.query("update signing_keys set retired_at = now() - interval '1 day' where kid = ? returning kid",
                retired);

        assertFalse(PublishedJwks.kids().contains(retired));
        given().auth().oauth2(token).get("/v0/auth/me").then().statusCode(401);
    }

    @Test
    void aTokenOfAKeyAnotherReplicaJustRotatedToPassesAtOnce() {
        SigningKey otherReplicas = SigningKey.generate();
        store.rotateTo(otherReplicas).await().indefinitely();

        String token = Tokens.resigned(issue(), otherReplicas, claims -> { });

        given().auth().oauth2(token).get("/v0/auth/me").then().statusCode(200);
    }

    @Test
    void aRotationByAnotherReplicaIsPickedUpOnTheNextRefresh() {
        SigningKey otherReplicas = SigningKey.generate();
        store.rotateTo(otherReplicas).await().indefinitely();

        signingKeys.refresh().await().indefinitely();

        assertEquals(otherReplicas.kid(), Tokens.kidOf(issue()));
    }

    /** Rotates as an operator would; the kid it answers is the one active row. */
    private String rotate() {
        String kid = given().auth().oauth2(operators.operatorToken("agentmail-operator")).post(ROTATE).then()
                .statusCode(200)
                .contentType("application/json")
                .extract().path("kid");
        assertEquals(List.of(Map.of("kid", kid)), database.query("select kid from signing_keys where retired_at is null"));
        return kid;
    }

    private String issue() {
        return internalTokens.issue(Principals.organizationKey()).await().indefinitely().token();
    }
}
