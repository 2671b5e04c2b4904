package dev.agentmail.inbox.pod;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.inbox.TestOrganization;
import dev.agentmail.local.testing.DocumentedEvents;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.local.testing.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating and deleting a pod publishes pod.created and pod.deleted on inbox.events (docs/events.md). */
@QuarkusTest
class PodEventsTest {

    /** A guard against hanging, not a measured expectation. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final String TOPIC = "inbox.events";

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private TestOrganization organization;

    @BeforeEach
    void freshOrganization() {
        organization = TestOrganization.fresh(issuer);
    }

    @Test
    void createAndDeletePublishThePodAsTheApiAnswersIt() {
        JsonNode created = json(organization.owner()
                .body(Map.of("name", "Support", "client_id", TestOrganization.username("client")))
                .post("/v0/pods").then().statusCode(200));
        String podId = created.get("pod_id").textValue();
        organization.owner().delete("/v0/pods/" + podId).then().statusCode(204);

        List<ConsumerRecord<String, String>> records = TopicRecords.firstRecords(bootstrapServers, TOPIC, podId, 2);
        assertEvent(records.get(0), "pod.created", podId, created);
        // The deleted pod as it last was.
        assertEvent(records.get(1), "pod.deleted", podId, created);
        assertNotEquals(TopicRecords.header(records.get(0), "ce_id"), TopicRecords.header(records.get(1), "ce_id"),
                "every event has its own id");
        await("the published events' rows to be deleted").atMost(PATIENCE)
                .until(() -> database.query("select id from outbox where record_key = ?", podId).isEmpty());
    }

    @Test
    void theEventsHaveTheDocumentedShape() {
        JsonNode created = json(organization.owner()
                .body(Map.of("name", "Documented", "client_id", TestOrganization.username("client")))
                .post("/v0/pods").then().statusCode(200));
        String podId = created.get("pod_id").textValue();

        JsonNode value = value(TopicRecords.firstRecords(bootstrapServers, TOPIC, podId, 1).get(0));
        JsonNode documented = DocumentedEvents.example("pod.created");
        assertEquals(fieldsOf(documented), fieldsOf(value));
        assertEquals(fieldsOf(documented.get("pod")), fieldsOf(value.get("pod")));
    }

    @Test
    void aClientIdReplayAndARefusedDeletionPublishNothing() {
        Map<String, String> body = Map.of("name", "Kept", "client_id", TestOrganization.username("client"));
        JsonNode created = json(organization.owner().body(body).post("/v0/pods").then().statusCode(200));
        String podId = created.get("pod_id").textValue();
        organization.owner().body(body).post("/v0/pods").then().statusCode(200);
        String inboxId = organization.createInboxInPod(podId, TestOrganization.username("holder"));
        organization.owner().delete("/v0/pods/" + podId).then().statusCode(409);
        organization.owner().delete("/v0/inboxes/" + inboxId).then().statusCode(204);
        organization.owner().delete("/v0/pods/" + podId).then().statusCode(204);

        // One key, so the records come in commit order: a second created, or a deleted of the refusal, would
        // come before the deletion that happened.
        List<ConsumerRecord<String, String>> records = TopicRecords.firstRecords(bootstrapServers, TOPIC, podId, 2);
        assertEvent(records.get(0), "pod.created", podId, created);
        assertEvent(records.get(1), "pod.deleted", podId, created);
    }

    @Test
    void theDefaultPodIsAnnouncedOnceWhenAnInboxMakesItAndAgainWhenRemade() {
        String first = inboxInDefaultPod("first");
        String second = inboxInDefaultPod("second");
        JsonNode made = json(organization.owner().get("/v0/pods/" + Pod.DEFAULT_ID).then().statusCode(200));
        organization.owner().delete("/v0/inboxes/" + first).then().statusCode(204);
        organization.owner().delete("/v0/inboxes/" + second).then().statusCode(204);
        organization.owner().delete("/v0/pods/" + Pod.DEFAULT_ID).then().statusCode(204);
        inboxInDefaultPod("third");
        JsonNode remade = json(organization.owner().get("/v0/pods/" + Pod.DEFAULT_ID).then().statusCode(200));

        // Every organization's default pod has the same id, so its records share the key: this organization's.
        List<ConsumerRecord<String, String>> records = TopicRecords.firstRecords(bootstrapServers, TOPIC,
                Pod.DEFAULT_ID, value -> organization.id().equals(value.path("organization_id").textValue()), 3);
        assertEvent(records.get(0), "pod.created", Pod.DEFAULT_ID, made);
        assertEvent(records.get(1), "pod.deleted", Pod.DEFAULT_ID, made);
        assertEvent(records.get(2), "pod.created", Pod.DEFAULT_ID, remade);
    }

    private String inboxInDefaultPod(String prefix) {
        return (String) organization.createInbox(Map.of("username", TestOrganization.username(prefix)))
                .get("inbox_id");
    }

    @Test
    void aPodFromBeforePodEventsIsAnnouncedByTheMigration() throws IOException {
        String podId = "pod_" + UUID.randomUUID().toString().replace("-", "");
        database.execute("insert into pods (organization_id, pod_id, name) values (?, ?, 'Legacy')",
                organization.id(), podId);
        // The migration ran on the empty database at start; run again, it announces every pod there once more,
        // which consumers take as the no-op it is.
        database.execute(Files.readString(Path.of("src/main/resources/db/migration/V5__announce_existing_pods.sql")));
        JsonNode pod = json(organization.owner().get("/v0/pods/" + podId).then().statusCode(200));

        ConsumerRecord<String, String> record = TopicRecords.firstRecords(bootstrapServers, TOPIC, podId, 1).get(0);
        JsonNode announced = value(record).get("pod");
        assertEvent(record, "pod.created", podId, announced);
        assertEquals(withInstants(pod), withInstants(announced));
    }

    /** The timestamps as instants: the migration writes all six fraction digits, Jackson drops trailing zeros. */
    private static JsonNode withInstants(JsonNode pod) {
        ObjectNode normalized = pod.deepCopy();
        for (String field : List.of("created_at", "updated_at")) {
            normalized.put(field, Instant.parse(pod.get(field).textValue()).toString());
        }
        return normalized;
    }

    /** The documented envelope around the pod as the API answered it, and the CloudEvents headers. */
    private void assertEvent(ConsumerRecord<String, String> record, String eventType, String podId, JsonNode pod) {
        assertEquals(podId, record.key());
        JsonNode value = value(record);
        assertEquals(Set.of("type", "event_type", "event_id", "organization_id", "pod"), fieldsOf(value));
        assertEquals("event", value.get("type").textValue());
        assertEquals(eventType, value.get("event_type").textValue());
        String eventId = value.get("event_id").textValue();
        assertTrue(eventId.matches("evt_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), eventId);
        assertEquals(organization.id(), value.get("organization_id").textValue());
        assertEquals(pod, value.get("pod"));

        assertEquals(eventId, TopicRecords.header(record, "ce_id"));
        assertEquals(eventType, TopicRecords.header(record, "ce_type"));
        assertEquals("agentmail/inbox-service", TopicRecords.header(record, "ce_source"));
        assertEquals(podId, TopicRecords.header(record, "ce_subject"));
        assertEquals("1.0", TopicRecords.header(record, "ce_specversion"));
        assertEquals("application/json", TopicRecords.header(record, "content-type"));
        String time = TopicRecords.header(record, "ce_time");
        assertEquals(Instant.parse(time).toString(), time, "ce_time is an ISO-8601 instant in UTC");
    }

    private static Set<String> fieldsOf(JsonNode node) {
        Set<String> fields = new HashSet<>();
        node.fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    private static JsonNode value(ConsumerRecord<String, String> record) {
        return TopicRecords.json(record.value());
    }

    private static JsonNode json(ValidatableResponse response) {
        return TopicRecords.json(response.extract().asString());
    }
}
