package dev.agentmail.inbox.inbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.inbox.TestOrganization;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.local.testing.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating, updating and deleting an inbox through the API publishes its events on inbox.events (docs/events.md). */
@QuarkusTest
class InboxEventsTest {

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
    void createUpdateAndDeletePublishTheInboxAsTheApiAnswersIt() {
        JsonNode created = json(organization.owner()
                .body(Map.of("username", TestOrganization.username("events"), "display_name", "Agent 42",
                        "client_id", TestOrganization.username("client"),
                        "metadata", Map.of("team", "blue", "tier", 3, "active", true)))
                .post("/v0/inboxes").then().statusCode(200));
        String inboxId = created.get("inbox_id").textValue();
        JsonNode updated = json(organization.owner()
                .body(Map.of("display_name", "Agent 43", "metadata", Map.of("team", "red")))
                .patch("/v0/inboxes/" + inboxId).then().statusCode(200));
        organization.owner().delete("/v0/inboxes/" + inboxId).then().statusCode(204);

        List<ConsumerRecord<String, String>> records = firstRecords(inboxId, 3);
        assertEvent(records.get(0), "inbox.created", inboxId, created);
        assertEvent(records.get(1), "inbox.updated", inboxId, updated);
        // The deleted inbox as it last was.
        assertEvent(records.get(2), "inbox.deleted", inboxId, updated);
        Set<String> eventIds = new HashSet<>();
        records.forEach(record -> eventIds.add(TopicRecords.header(record, "ce_id")));
        assertEquals(3, eventIds.size(), "every event has its own id");
        awaitNoOutboxRows(inboxId);
    }

    @Test
    void theEventsOfAnInboxInAPodCarryThatPod() {
        String podId = organization.createPod(TestOrganization.username("pod"));
        JsonNode created = json(organization.owner()
                .body(Map.of("username", TestOrganization.username("in-pod")))
                .post("/v0/pods/" + podId + "/inboxes").then().statusCode(200));
        String inboxId = created.get("inbox_id").textValue();
        JsonNode updated = json(organization.podKey(podId).body(Map.of("display_name", "In a pod"))
                .patch("/v0/pods/" + podId + "/inboxes/" + inboxId).then().statusCode(200));
        organization.podKey(podId).delete("/v0/pods/" + podId + "/inboxes/" + inboxId).then().statusCode(204);

        List<ConsumerRecord<String, String>> records = firstRecords(inboxId, 3);
        assertEvent(records.get(0), "inbox.created", inboxId, created);
        assertEvent(records.get(1), "inbox.updated", inboxId, updated);
        assertEvent(records.get(2), "inbox.deleted", inboxId, updated);
        records.forEach(record -> assertEquals(podId, value(record).at("/inbox/pod_id").textValue()));
        awaitNoOutboxRows(inboxId);
    }

    @Test
    void aClientIdReplayPublishesNoSecondCreatedEvent() {
        Map<String, String> body = Map.of("username", TestOrganization.username("replay"),
                "client_id", TestOrganization.username("client"));
        JsonNode created = json(organization.owner().body(body).post("/v0/inboxes").then().statusCode(200));
        String inboxId = created.get("inbox_id").textValue();
        JsonNode replayed = json(organization.owner().body(body).post("/v0/inboxes").then().statusCode(200));
        assertEquals(created, replayed);
        // A later change of the same inbox: events of one inbox go out in the order they were committed, so a
        // created event of the replay would come before this one.
        JsonNode updated = json(organization.owner().body(Map.of("display_name", "After the replay"))
                .patch("/v0/inboxes/" + inboxId).then().statusCode(200));

        List<ConsumerRecord<String, String>> records = firstRecords(inboxId, 2);
        assertEvent(records.get(0), "inbox.created", inboxId, created);
        assertEvent(records.get(1), "inbox.updated", inboxId, updated);
        awaitNoOutboxRows(inboxId);
    }

    @Test
    void aRefusedChangePublishesNothing() {
        JsonNode created = json(organization.owner().body(Map.of("username", TestOrganization.username("refused")))
                .post("/v0/inboxes").then().statusCode(200));
        String inboxId = created.get("inbox_id").textValue();
        organization.owner().body(Map.of("display_name", "")).patch("/v0/inboxes/" + inboxId).then().statusCode(400);
        organization.owner().delete("/v0/inboxes/" + TestOrganization.username("missing") + "@agentmail.local")
                .then().statusCode(404);
        organization.owner().delete("/v0/inboxes/" + inboxId).then().statusCode(204);

        List<ConsumerRecord<String, String>> records = firstRecords(inboxId, 2);
        assertEvent(records.get(0), "inbox.created", inboxId, created);
        assertEvent(records.get(1), "inbox.deleted", inboxId, created);
    }

    /** The documented envelope around the inbox as the API answered it, and the CloudEvents headers. */
    private void assertEvent(ConsumerRecord<String, String> record, String eventType, String inboxId,
                             JsonNode inbox) {
        assertEquals(inboxId, record.key());
        JsonNode value = value(record);
        Set<String> fields = new HashSet<>();
        value.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("type", "event_type", "event_id", "organization_id", "inbox"), fields);
        assertEquals("event", value.get("type").textValue());
        assertEquals(eventType, value.get("event_type").textValue());
        String eventId = value.get("event_id").textValue();
        assertTrue(eventId.matches("evt_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), eventId);
        assertEquals(organization.id(), value.get("organization_id").textValue());
        assertEquals(inbox, value.get("inbox"));

        assertEquals(eventId, TopicRecords.header(record, "ce_id"));
        assertEquals(eventType, TopicRecords.header(record, "ce_type"));
        assertEquals("agentmail/inbox-service", TopicRecords.header(record, "ce_source"));
        assertEquals(inboxId, TopicRecords.header(record, "ce_subject"));
        assertEquals("1.0", TopicRecords.header(record, "ce_specversion"));
        assertEquals("application/json", TopicRecords.header(record, "content-type"));
        String time = TopicRecords.header(record, "ce_time");
        assertEquals(Instant.parse(time).toString(), time, "ce_time is an ISO-8601 instant in UTC");
    }

    private List<ConsumerRecord<String, String>> firstRecords(String inboxId, int count) {
        return TopicRecords.firstRecords(bootstrapServers, TOPIC, inboxId, count);
    }

    /** The relay deletes a row after the broker's ack, so it may still be there when a consumer has the record. */
    private void awaitNoOutboxRows(String inboxId) {
        await("the published events' rows to be deleted").atMost(PATIENCE)
                .until(() -> database.query("select id from outbox where record_key = ?", inboxId).isEmpty());
    }

    private static JsonNode value(ConsumerRecord<String, String> record) {
        return TopicRecords.json(record.value());
    }

    private static JsonNode json(ValidatableResponse response) {
        return TopicRecords.json(response.extract().asString());
    }
}
