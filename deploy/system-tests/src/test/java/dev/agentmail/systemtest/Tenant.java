package dev.agentmail.systemtest;

import static dev.agentmail.systemtest.Api.as;
import static dev.agentmail.systemtest.Api.encoded;
import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;

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
                .auth().oauth2(suite.operators().operatorToken("agentmail-operator"))
                .contentType(ContentType.JSON).body(Map.of("name", "system test " + UUID.randomUUID()))
                .post("/admin/organizations")
                .then().statusCode(200)
                .extract().path("api_key.api_key"));
    }

    /** A pod; like every resource, usable on every service as soon as its creation answered. */
    public String createPod() {
        return as(key).body(Map.of("name", "pod " + unique())).post("/v0/pods")
                .then().statusCode(200).extract().path("pod_id");
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

    /** An inbox key, made with no pause after the inbox: auth-service must know the inbox by then. */
    public Key createInboxKey(String inboxId, Map<String, ?> body) {
        return createKey("/v0/inboxes/" + encoded(inboxId) + "/api-keys", body);
    }

    public Key createInboxKey(String inboxId) {
        return createInboxKey(inboxId, Map.of("name", "inbox key " + unique()));
    }

    public static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
