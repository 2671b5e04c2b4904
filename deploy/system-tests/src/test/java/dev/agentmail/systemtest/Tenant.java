package dev.agentmail.systemtest;

import static dev.agentmail.systemtest.Api.as;
import static dev.agentmail.systemtest.Api.encoded;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.agentmail.local.testing.TestIssuer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;

/**
 * An organization as its owner drives it through the gateway with its organization key: pods, inboxes and keys,
 * made through the public API the way a user makes them.
 */
public record Tenant(String key) {

    /** A key as its creation answers it: the secret (shown once) and its id. */
    public record Key(String secret, String id) {
    }

    /** The organization auth-service bootstraps, with the key the suite gave it. */
    public static Tenant bootstrap() {
        return new Tenant(SystemSuite.suite().bootstrapKey());
    }

    /** A new organization, created by an operator at auth-service's admin API (not public: not via the gateway). */
    public static Tenant created() {
        SystemSuite.Running suite = SystemSuite.suite();
        return new Tenant(given().baseUri(suite.authService())
                .auth().oauth2(operatorToken(suite.operators()))
                .contentType(ContentType.JSON).body(Map.of("name", "system test " + UUID.randomUUID()))
                .post("/admin/organizations")
                .then().statusCode(200)
                .extract().path("api_key.api_key"));
    }

    /**
     * A pod. auth-service and thread-service learn of a new pod from pod.created on inbox.events, so right after it
     * is made its keys, threads and drafts may still answer 404: this waits until both know it.
     */
    public String createPod() {
        String podId = as(key).body(Map.of("name", "pod " + unique())).post("/v0/pods")
                .then().statusCode(200).extract().path("pod_id");
        awaitKnown("auth-service", "/v0/pods/" + podId + "/api-keys");
        awaitKnown("thread-service", "/v0/pods/" + podId + "/threads");
        return podId;
    }

    public String createInbox(String podId) {
        return as(key).body(Map.of("username", "st-" + unique()))
                .post("/v0/pods/" + podId + "/inboxes")
                .then().statusCode(200).extract().path("inbox_id");
    }

    /** A key in a collection ({@code /v0/api-keys}, {@code /v0/pods/{id}/api-keys}, ...) with this body. */
    public Key createKey(String collection, Map<String, ?> body) {
        JsonPath created = as(key).body(body).post(collection).then().statusCode(200).extract().jsonPath();
        return new Key(created.getString("api_key"), created.getString("api_key_id"));
    }

    public Key createKey(String collection) {
        return createKey(collection, Map.of("name", "key " + unique()));
    }

    /**
     * An inbox key. auth-service learns of a new inbox from inbox.events, so right after the inbox is made the
     * creation may still answer 404: it is retried until auth-service knows the inbox.
     */
    public Key createInboxKey(String inboxId, Map<String, ?> body) {
        String collection = "/v0/inboxes/" + encoded(inboxId) + "/api-keys";
        Response created = await("auth-service knowing inbox " + inboxId).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> as(key).body(body).post(collection), response -> response.statusCode() != 404);
        JsonPath answer = created.then().statusCode(200).extract().jsonPath();
        return new Key(answer.getString("api_key"), answer.getString("api_key_id"));
    }

    public Key createInboxKey(String inboxId) {
        return createInboxKey(inboxId, Map.of("name", "inbox key " + unique()));
    }

    private void awaitKnown(String service, String collection) {
        await(service + " knowing " + collection).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> as(key).get(collection).statusCode(), status -> status != 404);
    }

    public static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String operatorToken(TestIssuer operators) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(operators.url());
        claims.setSubject("operator@agentmail.local");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setGeneratedJwtId();
        return operators.sign(claims);
    }
}
