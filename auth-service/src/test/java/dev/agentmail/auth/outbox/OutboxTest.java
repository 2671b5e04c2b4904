package dev.agentmail.auth.outbox;

import dev.agentmail.runtime.outbox.Outbox;
import dev.agentmail.runtime.outbox.OutboxEvent;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TopicRecords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxTest {

    /** A guard against hanging, not a measured expectation. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Outbox outbox;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void anAppendedEventIsPublishedWithItsKeyValueAndCloudEventsHeaders() throws Throwable {
        TestEvent event = TestEvent.of(TestEvent.newKey());
        Transactions.commit(() -> event.appendTo(outbox));

        ConsumerRecord<String, String> record = firstRecords(event.key(), 1).get(0);
        assertEquals(event.key(), record.key());
        assertEquals(JSON.readTree(event.payload()), JSON.readTree(record.value()));
        assertEquals(event.id(), TopicRecords.header(record, "ce_id"));
        assertEquals("api_key.updated", TopicRecords.header(record, "ce_type"));
        assertEquals("agentmail/auth-service", TopicRecords.header(record, "ce_source"));
        assertEquals(event.key(), TopicRecords.header(record, "ce_subject"));
        assertEquals("1.0", TopicRecords.header(record, "ce_specversion"));
        assertEquals("application/json", TopicRecords.header(record, "content-type"));
        String time = TopicRecords.header(record, "ce_time");
        assertEquals(Instant.parse(time).toString(), time, "ce_time is an ISO-8601 instant in UTC");
    }

    @Test
    void eventsOfOneKeyArePublishedInTheOrderTheyWereAppended() throws Throwable {
        String key = TestEvent.newKey();
        List<TestEvent> events = List.of(TestEvent.of(key), TestEvent.of(key), TestEvent.of(key),
                TestEvent.of(key), TestEvent.of(key));
        // The first two in one transaction, the others one transaction each.
        Transactions.commit(() -> events.get(0).appendTo(outbox).chain(() -> events.get(1).appendTo(outbox)));
        for (TestEvent event : events.subList(2, events.size())) {
            Transactions.commit(() -> event.appendTo(outbox));
        }

        List<String> published = firstRecords(key, events.size()).stream()
                .map(record -> TopicRecords.header(record, "ce_id")).toList();
        assertEquals(events.stream().map(TestEvent::id).toList(), published);
    }

    @Test
    void aPublishedEventLeavesNoRowBehind() throws Throwable {
        TestEvent event = TestEvent.of(TestEvent.newKey());
        Transactions.commit(() -> event.appendTo(outbox));

        firstRecords(event.key(), 1);
        // The relay deletes the row after the broker's ack, so it may still be there when a consumer has the record.
        await("the published event's row to be deleted").atMost(PATIENCE).until(() -> database.query("select id from outbox where event_id = ?", event.id()).isEmpty());
    }

    @Test
    void anEventAppendedInATransactionThatRollsBackIsNeverPublished() throws Throwable {
        String key = TestEvent.newKey();
        TestEvent rolledBack = TestEvent.of(key);
        String organizationId = "org_" + rolledBack.id();
        Transactions.rollBack(() -> Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("insert into organizations (organization_id, name) values (?1, ?2)")
                        .setParameter(1, organizationId)
                        .setParameter(2, "rolled back")
                        .executeUpdate())
                .chain(() -> rolledBack.appendTo(outbox)));
        assertTrue(database.query("select organization_id from organizations where organization_id = ?",
                organizationId).isEmpty(), "the state change was rolled back");
        assertTrue(database.query("select id from outbox where event_id = ?", rolledBack.id()).isEmpty());

        // Rows go out in id order, so had the first event been committed it would come before this later one.
        TestEvent later = TestEvent.of(key);
        Transactions.commit(() -> later.appendTo(outbox));
        assertEquals(later.id(), TopicRecords.header(firstRecords(key, 1).get(0), "ce_id"));
    }

    @Test
    void appendingOutsideATransactionIsRefused() throws Throwable {
        TestEvent event = TestEvent.of(TestEvent.newKey());
        assertThrows(IllegalStateException.class,
                () -> VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> event.appendTo(outbox))));
        assertTrue(database.query("select id from outbox where event_id = ?", event.id()).isEmpty());
    }

    @Test
    void theOutboxRowHoldsThePayloadAsAJsonDocument() throws Throwable {
        TestEvent event = TestEvent.of(TestEvent.newKey());
        // Read back inside the transaction, then roll it back: the relay never sees this row.
        String jsonType = Transactions.rollBack(() -> event.appendTo(outbox).chain(() -> Panache.getSession())
                .chain(session -> session
                        .createNativeQuery("select jsonb_typeof(payload) from outbox where event_id = ?1", String.class)
                        .setParameter(1, event.id())
                        .getSingleResult()));
        assertEquals("object", jsonType);
    }

    @Test
    void anOutboxEventReadsBackWithItsPayload() throws Throwable {
        TestEvent event = TestEvent.of(TestEvent.newKey());
        // Cleared first, so the row is read from the table rather than taken from the session.
        OutboxEvent stored = Transactions.rollBack(() -> event.appendTo(outbox)
                .chain(() -> Panache.getSession().invoke(Mutiny.Session::clear))
                .chain(() -> OutboxEvent.<OutboxEvent>find("eventId", event.id()).singleResult()));
        assertEquals(event.key(), stored.recordKey);
        assertEquals(JSON.readTree(event.payload()), JSON.readTree(stored.payload));
    }

    private List<ConsumerRecord<String, String>> firstRecords(String key, int count) {
        return TopicRecords.firstRecords(bootstrapServers, TestEvent.TOPIC, key, count);
    }
}
