package dev.agentmail.thread.directory;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.local.testing.TopicRecords;
import dev.agentmail.thread.TestOrganization;
import dev.agentmail.thread.message.Mail;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inbox directory follows inbox.events as inbox-service publishes them (docs/events.md). */
@QuarkusTest
class InboxDirectoryTest {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private TestOrganization organization;

    @BeforeEach
    void freshOrganization() {
        organization = TestOrganization.fresh(issuer, database, bootstrapServers);
    }

    @Test
    void aCreatedInboxIsInTheDirectoryWithItsOrganizationPodAndName() {
        String inboxId = organization.inboxInPod("pod_a", "created", "Agent 42");

        assertEquals(List.of(Map.of("organization_id", organization.id(), "pod_id", "pod_a",
                        "display_name", "Agent 42")),
                database.query("select organization_id, pod_id, display_name from inbox_directory where inbox_id = ?",
                        inboxId));
    }

    @Test
    void anUpdatedInboxTakesItsNewDisplayName() {
        String inboxId = organization.inboxInPod("pod_a", "updated", "Before");

        organization.publishInboxEvent("inbox.updated", inboxId, "pod_a", "After");

        await().atMost(PATIENCE).until(() -> database.query(
                "select 1 from inbox_directory where inbox_id = ? and display_name = 'After'", inboxId).size() == 1);
    }

    @Test
    void aDeletedInboxLeavesTheDirectory() {
        String inboxId = organization.inbox("deleted");

        organization.publishInboxEvent("inbox.deleted", inboxId, TestOrganization.DEFAULT_POD, null);

        organization.awaitDirectory(inboxId, false);
    }

    @Test
    void aDeletedInboxTakesItsThreadsMessagesRawContentAndQueuedDeliveriesWithIt() {
        String inboxId = organization.inbox("doomed");
        String neighbour = organization.inbox("neighbour");
        Mail.send(organization, inboxId, Map.of("to", List.of(neighbour, "x@example.com"), "text", "bye"));
        Mail.send(organization, neighbour, Map.of("to", inboxId, "text", "hello"));

        organization.publishInboxEvent("inbox.deleted", inboxId, TestOrganization.DEFAULT_POD, null);
        organization.awaitDirectory(inboxId, false);

        for (String table : List.of("messages", "threads", "raw_messages", "outgoing_queue")) {
            assertEquals(0, database.query("select 1 from " + table + " where inbox_id = ?", inboxId).size(), table);
        }
        assertEquals(2, database.query("select 1 from messages where inbox_id = ?", neighbour).size(),
                "the other inbox keeps its copies");
        organization.owner().get(Mail.messages(inboxId)).then().statusCode(404);
    }

    @Test
    void anUppercaseInboxIdIsStoredLowercase() {
        String inboxId = TestOrganization.address("upper");
        organization.publishInboxEvent("inbox.created", inboxId.toUpperCase(), TestOrganization.DEFAULT_POD, null);

        organization.awaitDirectory(inboxId, true);
    }

    @Test
    void aRecordThatIsNotAnInboxEventIsSkippedAndTheNextOneApplies() {
        TopicRecords.write(bootstrapServers, "inbox.events", "garbage", "not json at all");
        TopicRecords.write(bootstrapServers, "inbox.events", "garbage", "{\"event_type\":\"inbox.created\"}");

        organization.inbox("after-garbage");
    }

    @Test
    void aRedeliveredDeletionOfAnInboxCreatedAgainDoesNotRemoveIt() {
        String inboxId = organization.inbox("again");
        String deletion = organization.publishInboxEvent("inbox.deleted", inboxId, TestOrganization.DEFAULT_POD, null);
        organization.awaitDirectory(inboxId, false);
        organization.publishInboxEvent("inbox.created", inboxId, TestOrganization.DEFAULT_POD, null);
        organization.awaitDirectory(inboxId, true);

        TopicRecords.write(bootstrapServers, "inbox.events", inboxId, redelivery(deletion, inboxId));
        // Same key, so same partition: once this later event is applied, the redelivery before it was handled.
        organization.publishInboxEvent("inbox.updated", inboxId, TestOrganization.DEFAULT_POD, "moved on");
        await().atMost(PATIENCE).until(() -> database.query(
                "select 1 from inbox_directory where inbox_id = ? and display_name = 'moved on'", inboxId).size() == 1);
    }

    @Test
    void eventsReadTogetherApplyInTheirOrderAndEachOnlyOnce() {
        String inboxId = TestOrganization.address("together");
        String deletion = "evt_" + UUID.randomUUID();
        String marker = "evt_" + UUID.randomUUID();
        // Written in one go, so most likely polled and applied as one batch: the deletion's second copy must not
        // take away the inbox created after its first.
        TopicRecords.write(bootstrapServers, "inbox.events", inboxId, List.of(
                inboxEvent("inbox.created", "evt_" + UUID.randomUUID(), inboxId, "first"),
                inboxEvent("inbox.deleted", deletion, inboxId, null),
                inboxEvent("inbox.created", "evt_" + UUID.randomUUID(), inboxId, "back"),
                inboxEvent("inbox.deleted", deletion, inboxId, null),
                inboxEvent("inbox.noticed", marker, inboxId, null)));

        await().atMost(PATIENCE).until(() -> !database.query(
                "select 1 from processed_events where event_id = ?", marker).isEmpty());
        assertEquals(List.of(Map.of("display_name", "back")),
                database.query("select display_name from inbox_directory where inbox_id = ?", inboxId));
    }

    @Test
    void anEventThatCannotBeAppliedIsSetAsideAndTheEventsAfterItApply() {
        String inboxId = TestOrganization.address("poisoned");
        String poison = "evt_" + UUID.randomUUID();
        // PostgreSQL's text cannot hold NUL: this event fails however often it is tried, while the database answers.
        TopicRecords.write(bootstrapServers, "inbox.events", inboxId, List.of(
                inboxEvent("inbox.created", poison, inboxId, "nul \\u0000 inside"),
                inboxEvent("inbox.created", "evt_" + UUID.randomUUID(), inboxId, "after")));

        await().atMost(PATIENCE).until(() -> database.query(
                "select 1 from inbox_directory where inbox_id = ? and display_name = 'after'", inboxId).size() == 1);
        try {
            ConsumerRecord<String, String> letter = TopicRecords.await(bootstrapServers, "inbox.events.dead-letter",
                    inboxId, event -> poison.equals(event.path("event_id").asText()));
            assertEquals("inbox.events", TopicRecords.header(letter, "agentmail_dead_letter_topic"));
            assertTrue(TopicRecords.header(letter, "agentmail_dead_letter_error").contains("0x00"),
                    TopicRecords.header(letter, "agentmail_dead_letter_error"));
            assertEquals(List.of(Map.of("topic", "inbox.events", "description", "inbox.created")), database.query(
                    "select topic, description from consumer_dead_letters where event_id = ?", poison));
            assertEquals(List.of(), database.query("select 1 from processed_events where event_id = ?", poison),
                    "set aside, not processed: published again, it applies");
            given().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'consumed events' }.status", equalTo("DOWN"));
        } finally {
            database.execute("delete from consumer_dead_letters where event_id = ?", poison);
        }
    }

    private String redelivery(String eventId, String inboxId) {
        return inboxEvent("inbox.deleted", eventId, inboxId, null);
    }

    private String inboxEvent(String eventType, String eventId, String inboxId, String displayName) {
        return """
                {"type":"event","event_type":"%s","event_id":"%s","organization_id":"%s",
                 "inbox":{"inbox_id":"%s","pod_id":"pod_default","display_name":%s}}""".formatted(eventType, eventId,
                organization.id(), inboxId, displayName == null ? "null" : "\"" + displayName + "\"");
    }
}
