package dev.agentmail.local.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Defense in depth, for every service behind the gateway: a /v0 request without a valid internal token is 401,
 * whatever the route. The probe path matches no route, so a request that passes authentication answers 404.
 * A service's {@code @QuarkusTest} implements it, with {@link TestIssuerResource} among its test resources.
 */
public interface InternalTokenContract {

    String PROBE = "/v0/no-such-route";
    InternalTokenClaims ORG_KEY = InternalTokenClaims.organizationKey("key_test", "org_test", List.of());

    /** The issuer the service trusts (a field marked {@link InjectTestIssuer}). */
    TestIssuer issuer();

    @Test
    default void requestWithoutATokenIsRejected() {
        given().get(PROBE).then().statusCode(401);
    }

    @Test
    default void requestWithAMalformedTokenIsRejected() {
        given().auth().oauth2("not-a-jwt").get(PROBE).then().statusCode(401);
    }

    @Test
    default void requestWithATokenFromAnotherIssuerIsRejected() {
        try (TestIssuer stranger = TestIssuer.start()) {
            given().auth().oauth2(stranger.sign(ORG_KEY)).get(PROBE).then().statusCode(401);
        }
    }

    @Test
    default void requestWithAnExpiredTokenIsRejected() {
        given().auth().oauth2(issuer().sign(ORG_KEY, Duration.ofMinutes(-10))).get(PROBE).then().statusCode(401);
    }

    @Test
    default void requestWithAValidTokenPassesAuthentication() {
        given().auth().oauth2(issuer().sign(ORG_KEY)).get(PROBE).then().statusCode(404);
    }

    /** A service keeps the tokens it verified (VerifiedTokens): an altered copy of one is still checked. */
    @Test
    default void alteredCopyOfAnAcceptedTokenIsRejected() {
        String token = issuer().sign(ORG_KEY);
        given().auth().oauth2(token).get(PROBE).then().statusCode(404);
        int signature = token.lastIndexOf('.') + 10;
        String altered = token.substring(0, signature) + (token.charAt(signature) == 'A' ? 'B' : 'A')
                + token.substring(signature + 1);
        given().auth().oauth2(altered).get(PROBE).then().statusCode(401);
        given().auth().oauth2(token).get(PROBE).then().statusCode(404);
    }

    /** ... and one it verified is refused once it expires, like any other. */
    @Test
    default void acceptedTokenIsRejectedOnceItExpires() throws InterruptedException {
        String token = issuer().sign(ORG_KEY, Duration.ofSeconds(2));
        given().auth().oauth2(token).get(PROBE).then().statusCode(404);
        given().auth().oauth2(token).get(PROBE).then().statusCode(404);
        // The token's lifetime is what is under test: its expiry (whole seconds) is waited out.
        Thread.sleep(Duration.ofSeconds(3).toMillis());
        given().auth().oauth2(token).get(PROBE).then().statusCode(401);
    }
}
