package dev.agentmail.gateway.door;

import static dev.agentmail.gateway.Gateway.anonymous;
import static dev.agentmail.gateway.Gateway.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.gateway.TestUpstream;
import dev.agentmail.gateway.TestUpstreamResource.InjectTestUpstream;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the door answers by itself, before anything reaches a service. */
@QuarkusTest
class PublicDoorTest {

    @InjectTestUpstream
    TestUpstream upstream;

    @Test
    void routeOutsideTheApiIs404InTheErrorFormat() {
        String key = upstream.organizationKey("org_a", "inbox_read");
        as(key).get("/v0/no-such-thing").then().statusCode(404)
                .contentType("application/json")
                .body("name", is("NotFoundError"))
                .header("X-Request-Id", notNullValue());
        as(key).put("/v0/inboxes").then().statusCode(404);
        anonymous().get("/index.html").then().statusCode(404).body("name", is("NotFoundError"));
    }

    @Test
    void routeNoServiceServesYetIs501ForAKeyItsPolicyAdmits() {
        String key = upstream.organizationKey("org_a", "message_read", "webhook_read");
        int before = upstream.arrivals().size();
        as(key).get("/v0/threads/search?q=x").then().statusCode(501)
                .body("name", is("NotImplementedError"))
                .body("message", containsString("GET /v0/threads/search"));
        as(key).get("/v0/webhooks").then().statusCode(501);
        assertEquals(before, upstream.arrivals().size());
    }

    @Test
    void routeNotServedYetStillNeedsAKeyAndItsPolicy() {
        anonymous().get("/v0/threads/search").then().statusCode(401);
        String inboxKey = upstream.inboxKey("org_a", "pod_a", "a@agentmail.local", "message_read");
        as(inboxKey).get("/v0/threads/search").then().statusCode(403);
        as(inboxKey).get("/v0/inboxes/b%40agentmail.local/threads/search").then().statusCode(404);
    }

    @Test
    void publicRouteNotServedYetIs501WithoutAKey() {
        anonymous().contentType("application/json").body("{}").post("/v0/agent/sign-up").then().statusCode(501);
    }

    @Test
    void requestRefusedByPolicyNeverReachesTheService() {
        String inboxKey = upstream.inboxKey("org_a", "pod_a", "a@agentmail.local", "inbox_read");
        int before = upstream.arrivals().size();
        as(inboxKey).get("/v0/inboxes/b%40agentmail.local").then().statusCode(404).body("name", is("NotFoundError"));
        as(inboxKey).get("/v0/inboxes").then().statusCode(403).body("name", is("ForbiddenError"));
        as(inboxKey).patch("/v0/inboxes/a%40agentmail.local").then().statusCode(403);
        assertEquals(before, upstream.arrivals().size());
        as(inboxKey).get("/v0/inboxes/A%40AgentMail.local").then().statusCode(200);
    }

    @Test
    void pathParameterWithAControlCharacterIs400NamingItAndNeverReachesTheService() {
        String key = upstream.organizationKey("org_a", "inbox_read", "message_read");
        int before = upstream.arrivals().size();
        as(key).get("/v0/inboxes/%00").then().statusCode(400)
                .contentType("application/json")
                .body("name", is("ValidationError"))
                .body("errors[0].field", is("inbox_id"))
                .body("message", containsString("control character"));
        as(key).get("/v0/inboxes/a%40agentmail.local/messages/x%0Ay").then().statusCode(400)
                .body("errors[0].field", is("message_id"));
        assertEquals(before, upstream.arrivals().size());
    }

    @Test
    void aTargetThatIsNotPercentEncodingIs400InTheErrorFormatOnEveryRoute() throws IOException {
        int before = upstream.arrivals().size();
        // Sent as bytes: HTTP clients refuse to send such a target at all.
        Map<String, String> fieldOf = Map.ofEntries(
                Map.entry("/v0/inboxes/%ZZ", "path"),
                Map.entry("/v0/inboxes/a%4", "path"),
                Map.entry("/v0/inboxes/%C3%28", "path"),
                Map.entry("/downloads/%ZZ", "path"),
                Map.entry("/q/health/%ZZ", "path"),
                Map.entry("/%", "path"),
                Map.entry("/v0/inboxes?limit=%ZZ", "query"),
                Map.entry("/v0/inboxes?q=%C3%28", "query"),
                Map.entry("/v0/inboxes?labels=<a>", "query"),
                Map.entry("/v0/inboxes/a\\b", "path"),
                Map.entry("/v0/inboxes/\u00e9", "path"),
                Map.entry("/v0/inboxes?q=\u00fcn\u00ef", "query"));
        for (Map.Entry<String, String> target : fieldOf.entrySet()) {
            String answer = raw("GET " + target.getKey() + " HTTP/1.1\r\nHost: localhost\r\n");
            assertRefused(target.getKey(), answer, target.getValue());
        }
        assertRefused("no Host", raw("GET /v0/inboxes HTTP/1.1\r\n"), "Host");
        assertEquals(before, upstream.arrivals().size());
    }

    @Test
    void aTargetLongerThanTheServicesReadIs414InTheErrorFormat() throws IOException {
        int before = upstream.arrivals().size();
        String longest = "/v0/inboxes?q=" + "a".repeat(RequestTarget.MAX_LENGTH - "/v0/inboxes?q=".length());
        assertTrue(raw("GET " + longest + " HTTP/1.1\r\nHost: localhost\r\n").startsWith("HTTP/1.1 401 "));
        String answer = raw("GET " + longest + "a HTTP/1.1\r\nHost: localhost\r\n");
        assertRefused("long target", answer, 414, "path");
        assertTrue(answer.contains("at most " + RequestTarget.MAX_LENGTH), answer);
        assertEquals(before, upstream.arrivals().size());
    }

    @Test
    void headersThatAreNotHttpOrTooLargeAre4xxInTheErrorFormat() throws IOException {
        String key = upstream.organizationKey("org_a", "inbox_read");
        int before = upstream.arrivals().size();
        String request = "GET /v0/inboxes HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key + "\r\n";
        assertRefused("control character", raw(request + "Idempotency-Key: a\u0001b\r\n"), 400, "Idempotency-Key");
        assertRefused("NUL", raw(request + "X-Note: a\u0000\r\n"), 400, "X-Note");
        assertRefused("name not a token", raw(request + "X(a): b\r\n"), 400, "headers");
        String large = ("X-Large: " + "a".repeat(8000) + "\r\n").repeat(3);
        assertRefused("headers over the limit", raw(request + large), 431, "headers");
        assertEquals(before, upstream.arrivals().size());
        assertTrue(raw(request + "X-Note: caf\u00e9 \tok\r\n").startsWith("HTTP/1.1 200 "));
    }

    @Test
    void aChunkedBodyWhoseFramingBreaksIs400AndNothingArrives() throws IOException, InterruptedException {
        String key = upstream.organizationKey("org_a", "inbox_create");
        int before = upstream.arrivals().size();
        String head = "POST /v0/inboxes HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertRefused("bad first chunk", rawExchange(head + "zz\r\n{}\r\n0\r\n\r\n"), 400, "body");
        assertRefused("a body of no length", rawExchange(head.replace("chunked", "gzip") + "{}"), 400,
                "Transfer-Encoding");
        // A slow client whose second chunk is broken: by then the door has begun forwarding the first.
        String answer;
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((head + "1\r\n{\r\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            Thread.sleep(500);
            socket.getOutputStream().write("zz\r\n}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertRefused("bad later chunk", answer, 400, "body");
        // Never the part of a body that came before its framing broke, as if it were the whole body.
        assertEquals(before, upstream.arrivals().size());
    }

    private static void assertRefused(String what, String answer, String field) {
        assertRefused(what, answer, 400, field);
    }

    private static void assertRefused(String what, String answer, int status, String field) {
        assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), what + ": " + answer);
        assertTrue(answer.contains("\"name\":\"ValidationError\""), what + ": " + answer);
        assertTrue(answer.contains("\"field\":\"" + field + "\""), what + ": " + answer);
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("x-request-id:"), what + ": " + answer);
    }

    @Test
    void healthIsStillServed() {
        anonymous().get("/q/health/live").then().statusCode(200);
    }

    /** The answer to a request written by hand: its request line and headers, each ending in CRLF. */
    private static String raw(String head) throws IOException {
        return rawExchange(head + "Connection: close\r\n\r\n");
    }

    /** The answer to a whole request written by hand, read until the gateway closes the connection. */
    private static String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
