package dev.agentmail.thread;

import static io.restassured.RestAssured.given;

import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.InternalTokenClaims;
import dev.agentmail.local.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Defense in depth: a /v0 request that does not come through the gateway with a valid internal token is 401,
 * whatever the route. The probe path matches no route, so a request that passes authentication answers 404.
 */
@QuarkusTest
class InternalTokenTest {

    private static final String PROBE = "/v0/no-such-route";
    private static final InternalTokenClaims ORG_KEY =
            InternalTokenClaims.organizationKey("key_test", "org_test", List.of());

    @InjectTestIssuer
    TestIssuer issuer;

    @Test
    void requestWithoutATokenIsRejected() {
        given().get(PROBE).then().statusCode(401);
    }

    @Test
    void requestWithAMalformedTokenIsRejected() {
        given().auth().oauth2("not-a-jwt").get(PROBE).then().statusCode(401);
    }

    @Test
    void requestWithATokenFromAnotherIssuerIsRejected() {
        try (TestIssuer stranger = TestIssuer.start()) {
            given().auth().oauth2(stranger.sign(ORG_KEY)).get(PROBE).then().statusCode(401);
        }
    }

    @Test
    void requestWithAnExpiredTokenIsRejected() {
        given().auth().oauth2(issuer.sign(ORG_KEY, Duration.ofMinutes(-10))).get(PROBE).then().statusCode(401);
    }

    @Test
    void requestWithAValidTokenPassesAuthentication() {
        given().auth().oauth2(issuer.sign(ORG_KEY)).get(PROBE).then().statusCode(404);
    }
}
