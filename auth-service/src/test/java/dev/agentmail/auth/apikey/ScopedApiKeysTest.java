package dev.agentmail.auth.apikey;

import static dev.agentmail.auth.Callers.BOOTSTRAP_KEY;
import static dev.agentmail.auth.Callers.BOOTSTRAP_ORGANIZATION;
import static dev.agentmail.auth.Callers.as;
import static dev.agentmail.auth.Callers.createKey;
import static dev.agentmail.auth.apikey.OrganizationApiKeysTest.verifyIsRefused;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.agentmail.auth.inbox.InboxEventsFeed;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pod and inbox keys: made, listed, changed and revoked only inside their scope, never beyond their maker. */
@QuarkusTest
class ScopedApiKeysTest {

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private String podA;
    private String podB;
    private String inboxA;
    private String inboxB;

    @BeforeEach
    void twoInboxesInTwoPods() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        podA = "pod_a" + run;
        podB = "pod_b" + run;
        inboxA = "a-" + run + "@agentmail.test";
        inboxB = "b-" + run + "@agentmail.test";
        InboxEventsFeed.created(kafka, BOOTSTRAP_ORGANIZATION, inboxA, podA);
        InboxEventsFeed.created(kafka, BOOTSTRAP_ORGANIZATION, inboxB, podB);
        awaitKnown(inboxA);
        awaitKnown(inboxB);
    }

    @Test
    void aPodKeyIsMadeListedChangedAndRevokedUnderItsPod() {
        String collection = "/v0/pods/" + podA + "/api-keys";
        String id = as(BOOTSTRAP_KEY).body(Map.of("name", "pod-key")).post(collection).then()
                .statusCode(200).body("pod_id", is(podA)).extract().path("api_key_id");
        as(BOOTSTRAP_KEY).get(collection).then().statusCode(200)
                .body("api_keys.api_key_id", hasItem(id)).body("api_keys.pod_id", everyItem(is(podA)));
        as(BOOTSTRAP_KEY).body(Map.of("name", "renamed")).patch(collection + "/" + id).then()
                .statusCode(200).body("name", is("renamed"));
        as(BOOTSTRAP_KEY).delete("/v0/pods/" + podB + "/api-keys/" + id).then().statusCode(404);
        as(BOOTSTRAP_KEY).delete(collection + "/" + id).then().statusCode(204);
        as(BOOTSTRAP_KEY).get(collection).then().body("api_keys.api_key_id", not(hasItem(id)));
    }

    @Test
    void anInboxKeyActsOnlyAtInboxScopeWithinItsPod() {
        String key = createKey(BOOTSTRAP_KEY, "/v0/inboxes/" + inboxA + "/api-keys", Map.of("name", "agent"));
        given().contentType(ContentType.JSON).body(Map.of("api_key", key)).post("/internal/keys/verify").then()
                .statusCode(200)
                .body("principal.scope_type", is("inbox"))
                .body("principal.inbox_id", is(inboxA))
                .body("principal.pod_id", is(podA))
                .body("principal.permissions", hasItem("message_send"))
                .body("principal.permissions", not(hasItem("inbox_create")))
                .body("principal.permissions", not(hasItem("domain_read")));
        as(BOOTSTRAP_KEY).get("/v0/inboxes/" + inboxA + "/api-keys").then()
                .statusCode(200).body("api_keys.inbox_id", everyItem(is(inboxA)));
    }

    @Test
    void anInboxKeyForAnUnknownInboxIsNotFound() {
        as(BOOTSTRAP_KEY).body(Map.of("name", "x")).post("/v0/inboxes/nobody@agentmail.test/api-keys").then()
                .statusCode(404).body("name", is("NotFoundError"));
    }

    @Test
    void anInboxKeyForAnotherOrganizationsInboxIsNotFound() {
        String foreign = "foreign-" + UUID.randomUUID().toString().substring(0, 8) + "@agentmail.test";
        InboxEventsFeed.created(kafka, "org_someone_else", foreign, "pod_x");
        awaitKnown(foreign);
        as(BOOTSTRAP_KEY).body(Map.of("name", "x")).post("/v0/inboxes/" + foreign + "/api-keys").then()
                .statusCode(404);
    }

    @Test
    void aScopedKeyCannotUseTheOrganizationsCollection() {
        String podKey = createKey(BOOTSTRAP_KEY, "/v0/pods/" + podA + "/api-keys", Map.of("name", "p"));
        as(podKey).get("/v0/api-keys").then().statusCode(403).body("name", is("ForbiddenError"));
        as(podKey).body(Map.of("name", "org")).post("/v0/api-keys").then().statusCode(403);
    }

    @Test
    void aPodKeyReachesItsOwnPodsInboxesButNoOtherPod() {
        String podKey = createKey(BOOTSTRAP_KEY, "/v0/pods/" + podA + "/api-keys", Map.of("name", "p"));
        as(podKey).get("/v0/pods/" + podB + "/api-keys").then().statusCode(404);
        as(podKey).body(Map.of("name", "x")).post("/v0/inboxes/" + inboxB + "/api-keys").then().statusCode(404);
        as(podKey).body(Map.of("name", "x")).post("/v0/inboxes/" + inboxA + "/api-keys").then().statusCode(200);
    }

    @Test
    void anInboxKeyCannotReachAnotherInbox() {
        String inboxKey = createKey(BOOTSTRAP_KEY, "/v0/inboxes/" + inboxA + "/api-keys", Map.of("name", "a"));
        as(inboxKey).get("/v0/inboxes/" + inboxB + "/api-keys").then().statusCode(404);
        as(inboxKey).get("/v0/pods/" + podA + "/api-keys").then().statusCode(404);
        as(inboxKey).get("/v0/inboxes/" + inboxA + "/api-keys").then().statusCode(200);
    }

    @Test
    void aKeyCannotGrantWhatItDoesNotHold() {
        String limited = createKey(BOOTSTRAP_KEY, "/v0/api-keys", Map.of("name", "limited",
                "permissions", Map.of("api_key_create", true, "message_read", true)));
        as(limited).body(Map.of("name", "x", "permissions", Map.of("message_send", true))).post("/v0/api-keys")
                .then().statusCode(403).body("message", containsString("message_send"));
        as(limited).body(Map.of("name", "unrestricted")).post("/v0/api-keys")
                .then().statusCode(403).body("name", is("ForbiddenError"));
        as(limited).body(Map.of("name", "narrower", "permissions", Map.of("message_read", true)))
                .post("/v0/inboxes/" + inboxA + "/api-keys").then().statusCode(200);
    }

    @Test
    void aKeyCannotWidenAnotherKeyBeyondItself() {
        String limited = createKey(BOOTSTRAP_KEY, "/v0/api-keys", Map.of("name", "limited",
                "permissions", Map.of("api_key_create", true, "api_key_update", true, "message_read", true)));
        String made = as(limited).body(Map.of("name", "made", "permissions", Map.of("message_read", true)))
                .post("/v0/api-keys").then().statusCode(200).extract().path("api_key_id");
        as(limited).body("{\"permissions\": null}").patch("/v0/api-keys/" + made).then().statusCode(403);
        as(limited).body(Map.of("permissions", Map.of("domain_delete", true))).patch("/v0/api-keys/" + made)
                .then().statusCode(403);
    }

    @Test
    void aKeyWithoutTheApiKeyPermissionsCannotManageKeys() {
        String reader = createKey(BOOTSTRAP_KEY, "/v0/api-keys", Map.of("name", "reader",
                "permissions", Map.of("message_read", true)));
        as(reader).body(Map.of("name", "x")).post("/v0/api-keys").then()
                .statusCode(403).body("message", containsString("api_key_create"));
        as(reader).get("/v0/api-keys").then().statusCode(403);
    }

    @Test
    void anInboxDeletionRevokesItsKeys() {
        String keyA = createKey(BOOTSTRAP_KEY, "/v0/inboxes/" + inboxA + "/api-keys", Map.of("name", "a"));
        String keyB = createKey(BOOTSTRAP_KEY, "/v0/inboxes/" + inboxB + "/api-keys", Map.of("name", "b"));
        InboxEventsFeed.deleted(kafka, BOOTSTRAP_ORGANIZATION, inboxA, podA);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> verifyIsRefused(keyA));
        given().contentType(ContentType.JSON).body(Map.of("api_key", keyB)).post("/internal/keys/verify")
                .then().statusCode(200);
        as(BOOTSTRAP_KEY).body(Map.of("name", "late")).post("/v0/inboxes/" + inboxA + "/api-keys").then()
                .statusCode(404);
        as(BOOTSTRAP_KEY).get("/v0/pods/" + podA + "/api-keys").then()
                .body("api_keys.name", not(containsInAnyOrder("a")));
    }

    private void awaitKnown(String inboxId) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !database.query("select 1 from known_inboxes where inbox_id = ?", inboxId).isEmpty());
    }
}
