package dev.agentmail.auth.outbox;

import dev.agentmail.runtime.outbox.Outbox;
import dev.agentmail.runtime.outbox.OutboxRelay;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.local.testing.InjectTestBroker;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.TestBroker;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxBrokerOutageTest {

    /** A guard against hanging, not a measured expectation. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final String ROWS_OF_KEY =
            "select event_id, created_at from outbox where record_key = ? order by id";

    @Inject
    Outbox outbox;

    @InjectTestBroker
    TestBroker broker;

    @InjectTestDatabase
    TestDatabase database;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void eventsAppendedWhileTheBrokerIsDownArePublishedInOrderOnceItIsBack() throws Throwable {
        String key = TestEvent.newKey();
        List<TestEvent> events = List.of(TestEvent.of(key), TestEvent.of(key), TestEvent.of(key));
        List<Map<String, Object>> rowsWhileDown;
        broker.stop();
        try {
            for (TestEvent event : events) {
                Transactions.commit(() -> event.appendTo(outbox));
            }
            // The relay tried to publish them to the stopped broker and gave up for now: the rows are kept.
            await("the relay to find the broker away").atMost(PATIENCE).until(relay::brokerAway);
            rowsWhileDown = database.query(ROWS_OF_KEY, key);
            assertEquals(ids(events), rowsWhileDown.stream().map(row -> row.get("event_id")).toList());
        } finally {
            broker.start();
        }

        List<ConsumerRecord<String, String>> records =
                TopicRecords.firstRecords(bootstrapServers, TestEvent.TOPIC, key, events.size());
        assertEquals(ids(events), records.stream().map(record -> TopicRecords.header(record, "ce_id")).toList());
        // ce_time is the row's created_at, the time of the transaction that appended the event.
        assertEquals(rowsWhileDown.stream().map(row -> utc(row.get("created_at"))).toList(),
                records.stream().map(record -> TopicRecords.header(record, "ce_time")).toList());
        await("the published rows to be deleted").atMost(PATIENCE).until(() -> database.query(ROWS_OF_KEY, key).isEmpty());
    }

    private static List<String> ids(List<TestEvent> events) {
        return events.stream().map(TestEvent::id).toList();
    }

    private static String utc(Object timestamp) {
        return ((Timestamp) timestamp).toInstant().toString();
    }
}
