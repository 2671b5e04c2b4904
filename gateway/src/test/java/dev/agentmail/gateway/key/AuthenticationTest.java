package dev.agentmail.gateway.key;

import static dev.agentmail.gateway.Gateway.anonymous;
import static dev.agentmail.gateway.Gateway.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.gateway.TestUpstream;
import dev.agentmail.gateway.TestUpstreamResource.InjectTestUpstream;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {

    private static final String INBOX = "/v0/inboxes/someone%40agentmail.local";
    private static final InetAddress GUESSER = address("127.0.0.9");

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
    void anAddressThatSentTooManyBadKeysIsRefusedUnaskedWhileItsVerifiedKeysStillPass() throws IOException {
        // From an address of its own (Linux answers on all of 127/8), so no other test spends this bucket.
        String key = upstream.organizationKey("org_a", "inbox_read");
        assertEquals(200, statusFrom(GUESSER, key));
        for (int i = 0; i < 20; i++) {
            assertEquals(401, statusFrom(GUESSER, "am_guess_" + i + "_0123456789abcdefghijklmnopqrstuvwxyz"));
        }

        String oneMore = "am_guess_more_0123456789abcdefghijklmnopqrstuvwxyz";
        assertEquals(429, statusFrom(GUESSER, oneMore));
        assertEquals(0, upstream.verificationsOf(oneMore), "refused without asking auth-service");
        assertEquals(200, statusFrom(GUESSER, key));
        as("am_other_0123456789abcdefghijklmnopqrstuvwxyz").get(INBOX).then().statusCode(401);
    }

    @Test
    void oneBadKeySentAgainAndAgainIsRefusedFromMemoryNotThrottled() throws IOException {
        InetAddress retrier = address("127.0.0.10");
        String key = "am_misconfigured_0123456789abcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < 30; i++) {
            assertEquals(401, statusFrom(retrier, key));
        }
        assertTrue(upstream.verificationsOf(key) < 20, "asked " + upstream.verificationsOf(key) + " times");
    }

    /** The status of a GET of {@link #INBOX} with this key, sent from {@code address}. */
    private static int statusFrom(InetAddress address, String key) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port, address, 0)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + INBOX + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + key + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        }
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

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
