package dev.agentmail.auth.apikey;

import static dev.agentmail.auth.Callers.BOOTSTRAP_KEY;
import static dev.agentmail.auth.Callers.BOOTSTRAP_ORGANIZATION;
import static dev.agentmail.auth.Callers.as;
import static dev.agentmail.auth.Callers.createKey;
import static dev.agentmail.auth.apikey.OrganizationApiKeysTest.verifyIsRefused;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import dev.agentmail.auth.inbox.InboxEventsFeed;
import dev.agentmail.auth.pod.PodEventsFeed;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Pod keys exist only for pods that inbox.events announced in the caller's organization: pod.created makes a pod
 * known, pod.deleted removes it and revokes its keys, and any other pod id is 404 as if it did not exist.
 */
@QuarkusTest
class PodKeysTest {

    /** A guard against hanging, not a measured expectation. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aCreatedPodGetsKeys() {
        String pod = freshPodId();
        PodEventsFeed.created(kafka, BOOTSTRAP_ORGANIZATION, pod);
        awaitKnown(BOOTSTRAP_ORGANIZATION, pod);

        as(BOOTSTRAP_KEY).body(Map.of("name", "p")).post("/v0/pods/" + pod + "/api-keys").then()
                .statusCode(200).body("pod_id", is(pod));
        as(BOOTSTRAP_KEY).get("/v0/pods/" + pod + "/api-keys").then().statusCode(200).body("count", is(1));
    }

    @Test
    void aPodKeyForAnUnknownPodIsNotFound() {
        String pod = freshPodId();
        as(BOOTSTRAP_KEY).body(Map.of("name", "x")).post("/v0/pods/" + pod + "/api-keys").then()
                .statusCode(404).body("name", is("NotFoundError"));
    }

    @Test
    void theKeysOfAnUnknownPodAreNotFound() {
        as(BOOTSTRAP_KEY).get("/v0/pods/" + freshPodId() + "/api-keys").then()
                .statusCode(404).body("name", is("NotFoundError"));
    }

    @Test
    void anotherOrganizationsPodIsNotFound() {
        String pod = freshPodId();
        PodEventsFeed.created(kafka, "org_someone_else", pod);
        awaitKnown("org_someone_else", pod);

        as(BOOTSTRAP_KEY).body(Map.of("name", "x")).post("/v0/pods/" + pod + "/api-keys").then()
                .statusCode(404).body("name", is("NotFoundError"));
        as(BOOTSTRAP_KEY).get("/v0/pods/" + pod + "/api-keys").then()
                .statusCode(404).body("name", is("NotFoundError"));
    }

    @Test
    void aPodThatAnInboxEventNamesIsKnown() {
        String pod = freshPodId();
        String inbox = "in-" + pod + "@agentmail.test";
        InboxEventsFeed.created(kafka, BOOTSTRAP_ORGANIZATION, inbox, pod);
        awaitKnown(BOOTSTRAP_ORGANIZATION, pod);

        as(BOOTSTRAP_KEY).body(Map.of("name", "p")).post("/v0/pods/" + pod + "/api-keys").then().statusCode(200);
    }

    @Test
    void aDeletedPodIsNotFoundAndItsKeysAreRevoked() {
        String pod = freshPodId();
        PodEventsFeed.created(kafka, BOOTSTRAP_ORGANIZATION, pod);
        awaitKnown(BOOTSTRAP_ORGANIZATION, pod);
        String podKey = createKey(BOOTSTRAP_KEY, "/v0/pods/" + pod + "/api-keys", Map.of("name", "doomed"));

        PodEventsFeed.deleted(kafka, BOOTSTRAP_ORGANIZATION, pod);

        await().atMost(PATIENCE).untilAsserted(() -> verifyIsRefused(podKey));
        as(BOOTSTRAP_KEY).body(Map.of("name", "late")).post("/v0/pods/" + pod + "/api-keys").then().statusCode(404);
    }

    @Test
    void aRedeliveredCreationDoesNotBringADeletedPodBack() {
        String pod = freshPodId();
        String creation = PodEventsFeed.created(kafka, BOOTSTRAP_ORGANIZATION, pod);
        PodEventsFeed.deleted(kafka, BOOTSTRAP_ORGANIZATION, pod);
        PodEventsFeed.redelivered(kafka, "pod.created", creation, BOOTSTRAP_ORGANIZATION, pod);
        // Same key, so same partition: once this later event is applied, the redelivery before it was handled.
        awaitApplied(PodEventsFeed.deleted(kafka, BOOTSTRAP_ORGANIZATION, pod));

        as(BOOTSTRAP_KEY).get("/v0/pods/" + pod + "/api-keys").then().statusCode(404);
    }

    @Test
    void anInboxEventReadAfterItsPodsDeletionDoesNotBringThePodBack() {
        String pod = freshPodId();
        PodEventsFeed.created(kafka, BOOTSTRAP_ORGANIZATION, pod);
        awaitApplied(PodEventsFeed.deleted(kafka, BOOTSTRAP_ORGANIZATION, pod));
        // Inbox events are on the inbox's key, so one may be read after its pod's deletion.
        String inbox = "late-" + pod + "@agentmail.test";
        InboxEventsFeed.created(kafka, BOOTSTRAP_ORGANIZATION, inbox, pod);
        await().atMost(PATIENCE).until(() ->
                !database.query("select 1 from known_inboxes where inbox_id = ?", inbox).isEmpty());

        as(BOOTSTRAP_KEY).get("/v0/pods/" + pod + "/api-keys").then().statusCode(404);
    }

    @Test
    void aRemadePodIsKnownAgain() {
        // pod_default can be deleted and made again; its pod.created lifts the deletion.
        String pod = freshPodId();
        PodEventsFeed.created(kafka, BOOTSTRAP_ORGANIZATION, pod);
        PodEventsFeed.deleted(kafka, BOOTSTRAP_ORGANIZATION, pod);
        awaitApplied(PodEventsFeed.created(kafka, BOOTSTRAP_ORGANIZATION, pod));

        as(BOOTSTRAP_KEY).body(Map.of("name", "again")).post("/v0/pods/" + pod + "/api-keys").then().statusCode(200);
    }

    private static String freshPodId() {
        return "pod_" + UUID.randomUUID().toString().replace("-", "");
    }

    private void awaitApplied(String eventId) {
        await().atMost(PATIENCE).until(() ->
                !database.query("select 1 from processed_events where event_id = ?", eventId).isEmpty());
    }

    private void awaitKnown(String organizationId, String podId) {
        await().atMost(PATIENCE).until(() -> !database.query(
                "select 1 from known_pods where organization_id = ? and pod_id = ? and deleted_at is null",
                organizationId, podId).isEmpty());
    }
}
