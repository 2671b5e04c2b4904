package dev.agentmail.auth.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.agentmail.auth.token.InternalTokens;
import dev.agentmail.auth.token.SigningKeys;
import dev.agentmail.local.testing.InternalTokenClaims;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.runtime.security.Principal;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Consumer;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** /v0 answers 401 in the API's error format unless the request carries a valid internal token of ours. */
@QuarkusTest
class InternalTokenFilterTest {

    private static final String ME = "/v0/auth/me";

    @Inject
    InternalTokens internalTokens;

    @Inject
    SigningKeys signingKeys;

    @Test
    void requestWithoutATokenIsRejected() {
        assertUnauthorized(given().get(ME).then());
    }

    @Test
    void requestWithAnotherSchemeIsRejected() {
        assertUnauthorized(given().auth().preemptive().basic("operator", "secret").get(ME).then());
    }

    @Test
    void requestWithAGarbageTokenIsRejected() {
        assertUnauthorized(given().auth().oauth2("not-a-jwt").get(ME).then());
    }

    @Test
    void requestWithAnExpiredTokenIsRejected() {
        String expired = resignedValidToken(claims -> {
            long tenMinutesAgo = NumericDate.now().getValue() - 600;
            claims.setIssuedAt(NumericDate.fromSeconds(tenMinutesAgo - 300));
            claims.setExpirationTime(NumericDate.fromSeconds(tenMinutesAgo));
        });
        assertUnauthorized(given().auth().oauth2(expired).get(ME).then());
    }

    @Test
    void requestWithATokenForAnotherAudienceIsRejected() {
        String elsewhere = resignedValidToken(claims -> claims.setAudience("someone-else"));
        assertUnauthorized(given().auth().oauth2(elsewhere).get(ME).then());
    }

    @Test
    void requestWithATokenNamingAnotherIssuerIsRejected() {
        String foreignIssuer = resignedValidToken(claims -> claims.setIssuer("http://issuer.example"));
        assertUnauthorized(given().auth().oauth2(foreignIssuer).get(ME).then());
    }

    @Test
    void requestWithATokenOfAForeignIssuerIsRejected() {
        try (TestIssuer stranger = TestIssuer.start()) {
            String token = stranger.sign(InternalTokenClaims.organizationKey("key_stranger", "org_stranger", List.of()));
            assertUnauthorized(given().auth().oauth2(token).get(ME).then());
        }
    }

    @Test
    void requestWithATamperedPayloadIsRejected() {
        String[] mine = issue(Principals.podKey()).split("\\.");
        String[] theirs = issue(Principals.organizationKey()).split("\\.");
        String forged = mine[0] + "." + theirs[1] + "." + mine[2];
        assertUnauthorized(given().auth().oauth2(forged).get(ME).then());
    }

    @Test
    void unknownV0RouteWithoutATokenIsRejectedBeforeRouting() {
        assertUnauthorized(given().get("/v0/no-such-route").then());
    }

    @Test
    void unknownV0RouteWithAValidTokenIsNotFound() {
        given().auth().oauth2(issue(Principals.organizationKey())).get("/v0/no-such-route").then()
                .statusCode(404)
                .body("name", is("NotFoundError"));
    }

    @Test
    void dotSegmentsDoNotLeadPastTheCheck() {
        given().urlEncodingEnabled(false).get("/v0/./auth/me").then().statusCode(401);
        given().urlEncodingEnabled(false).get("/x/../v0/auth/me").then().statusCode(401);
    }

    @Test
    void routesOutsideV0TakeNoInternalToken() {
        given().get("/.well-known/openid-configuration").then().statusCode(200);
    }

    private String issue(Principal principal) {
        return internalTokens.issue(principal).await().indefinitely().token();
    }

    /** A real token with one thing changed, signed again by our own active key: only that change can fail it. */
    private String resignedValidToken(Consumer<JwtClaims> change) {
        return Tokens.resigned(issue(Principals.organizationKey()), signingKeys.active().await().indefinitely(), change);
    }

    private static void assertUnauthorized(ValidatableResponse response) {
        response.statusCode(401)
                .contentType("application/json")
                .body("name", is("UnauthorizedError"))
                .body("message", is("The API key or token is missing, invalid, revoked or expired."));
    }
}
