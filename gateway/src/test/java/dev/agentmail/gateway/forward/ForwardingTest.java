package dev.agentmail.gateway.forward;

import static dev.agentmail.gateway.Gateway.anonymous;
import static dev.agentmail.gateway.Gateway.as;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.gateway.TestUpstream;
import dev.agentmail.gateway.TestUpstreamResource.InjectTestUpstream;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ForwardingTest {

    @InjectTestUpstream
    TestUpstream upstream;

    @Test
    void serviceGetsTheInternalTokenAndNeverTheKey() {
        String key = upstream.organizationKey("org_a", "inbox_read");
        as(key).get("/v0/inboxes/a%40agentmail.local?limit=5&page_token=x%2By").then().statusCode(200)
                .body("uri", is("/v0/inboxes/a%40agentmail.local?limit=5&page_token=x%2By"));
        TestUpstream.Arrival arrival = upstream.lastArrival();
        assertEquals("Bearer internal-token-" + upstream.apiKeyId(key), arrival.authorization());
        assertFalse(arrival.allHeaders().contains(key), arrival.allHeaders());
    }

    @Test
    void downloadLinkIsForwardedWithoutAKeyAndWithoutTheClientsAuthorization() {
        anonymous().get("/downloads/raw.abc.def?expires=1").then().statusCode(200)
                .body("uri", is("/downloads/raw.abc.def?expires=1"));
        assertNull(upstream.lastArrival().authorization());

        as("am_whatever_key").get("/downloads/raw.abc.def").then().statusCode(200);
        assertNull(upstream.lastArrival().authorization());
    }

    @Test
    void aDownloadKeepsTheLengthItsServiceGaveAndIsNotChunked() {
        Response response = anonymous().get("/downloads/raw.abc.def");

        assertEquals(200, response.statusCode());
        assertEquals(String.valueOf(response.asByteArray().length), response.header("Content-Length"));
        assertNull(response.header("Transfer-Encoding"));
    }

    @Test
    void aDownloadLinkCanBeAskedForWithHead() {
        Response response = anonymous().head("/downloads/raw.abc.def");

        assertEquals(200, response.statusCode());
        assertEquals("HEAD", upstream.lastArrival().method());
        assertTrue(Long.parseLong(response.header("Content-Length")) > 0, response.header("Content-Length"));
        assertEquals(0, response.asByteArray().length);
    }

    @Test
    void clientsRequestIdIsForwardedAndEchoed() {
        String key = upstream.organizationKey("org_a", "inbox_read");
        as(key).header("X-Request-Id", "req-42.a:b_c").get("/v0/inboxes/a%40agentmail.local").then()
                .statusCode(200).header("X-Request-Id", "req-42.a:b_c");
        assertEquals("req-42.a:b_c", upstream.lastArrival().requestId());
    }

    @Test
    void requestWithoutAPlausibleIdGetsANewOneOnBothSides() {
        String key = upstream.organizationKey("org_a", "inbox_read");
        String echoed = as(key).header("X-Request-Id", "not plausible <script>").get("/v0/inboxes/a%40agentmail.local")
                .then().statusCode(200).extract().header("X-Request-Id");
        assertNotEquals("not plausible <script>", echoed);
        assertEquals(echoed, upstream.lastArrival().requestId());
    }

    @Test
    void servicesStatusHeadersAndErrorBodyPassThrough() {
        String key = upstream.organizationKey("org_a", "inbox_update");
        as(key).contentType("application/json").body("{\"display_name\":\"x\"}")
                .patch("/v0/inboxes/conflict%40agentmail.local").then()
                .statusCode(409)
                .header("X-Upstream-Header", "kept")
                .body("name", is("IsTakenError"))
                .body("message", is("The address is taken."));
    }

    @Test
    void largeBodiesStreamThroughBothWays() throws Exception {
        String key = upstream.organizationKey("org_a", "inbox_create");
        byte[] body = new byte[24 * 1024 * 1024];
        new Random(7).nextBytes(body);
        Response response = as(key).contentType("application/octet-stream").body(body)
                .post("/v0/inboxes?echo=body");
        assertEquals(200, response.statusCode());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertArrayEquals(sha.digest(body), MessageDigest.getInstance("SHA-256").digest(response.asByteArray()));
        assertEquals(body.length, upstream.lastArrival().bodyLength());
    }

    @Test
    void serviceThatDropsTheConnectionIs502() {
        String key = upstream.organizationKey("org_a", "inbox_read");
        as(key).get("/v0/inboxes/hangup%40agentmail.local").then().statusCode(502)
                .body("name", is("BadGatewayError"));
    }

    @Test
    void serviceThatDoesNotAnswerInTimeIs504() {
        String key = upstream.organizationKey("org_a", "inbox_read");
        as(key).get("/v0/inboxes/stall%40agentmail.local").then().statusCode(504)
                .body("name", is("GatewayTimeoutError"));
    }
}
