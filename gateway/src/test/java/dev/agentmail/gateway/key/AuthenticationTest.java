package dev.agentmail.gateway.key;

import static dev.agentmail.gateway.Gateway.anonymous;
import static dev.agentmail.gateway.Gateway.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.gateway.TestUpstream;
import dev.agentmail.gateway.TestUpstreamResource.InjectTestUpstream;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {

    private static final String INBOX = "/v0/inboxes/someone%40agentmail.local";

    @InjectTestUpstream
    TestUpstream upstream;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void requestWithoutAKeyIs401() {
        anonymous().get(INBOX).then().statusCode(401)
                .body("name", is("UnauthorizedError"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void malformedKeyIs401WithoutAskingAuthService() {
        anonymous().header("Authorization", "Bearer not-an-agentmail-key").get(INBOX).then().statusCode(401);
        anonymous().header("Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l").get(INBOX).then().statusCode(401);
        assertEquals(0, upstream.verificationsOf("not-an-agentmail-key"));
    }

    @Test
    void unknownKeyIs401() {
        as("am_unknown_0123456789abcdefghijklmnopqrstuvwxyz").get(INBOX).then().statusCode(401)
                .body("name", is("UnauthorizedError"));
    }

    @Test
    void verifiedKeyIsRememberedAcrossRequests() {
        String key = upstream.organizationKey("org_a", "inbox_read");
        AuthEventsFeed.awaitRemembered(upstream, key, INBOX);
        int verified = upstream.verificationsOf(key);
        for (int i = 0; i < 5; i++) {
            as(key).get(INBOX).then().statusCode(200);
        }
        assertEquals(verified, upstream.verificationsOf(key));
    }

    @Test
    void revokedKeyIsDeniedWithinASecondOfItsEvent() {
        String key = upstream.organizationKey("org_a", "inbox_read");
        AuthEventsFeed.awaitRemembered(upstream, key, INBOX);
        String apiKeyId = upstream.apiKeyId(key);
        upstream.revoke(key);
        AuthEventsFeed.publish(bootstrapServers, "api_key.revoked", apiKeyId);
        await("the revoked key refused").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> as(key).get(INBOX).statusCode() == 401);
    }

    @Test
    void updatedKeyIsVerifiedAgain() {
        String key = upstream.organizationKey("org_a", "inbox_read");
        AuthEventsFeed.awaitRemembered(upstream, key, INBOX);
        int verified = upstream.verificationsOf(key);
        AuthEventsFeed.publish(bootstrapServers, "api_key.updated", upstream.apiKeyId(key));
        await("the changed key verified again").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    as(key).get(INBOX).then().statusCode(200);
                    return upstream.verificationsOf(key) > verified;
                });
    }

    @Test
    void authServiceInTroubleIs503NotA401() {
        String key = upstream.organizationKey("org_a", "inbox_read");
        upstream.authAvailable(false);
        try {
            as(key).get(INBOX).then().statusCode(503).body("name", is("ServiceUnavailableError"));
        } finally {
            upstream.authAvailable(true);
        }
        as(key).get(INBOX).then().statusCode(200);
    }
}
