package dev.agentmail.auth.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.local.testing.InjectTestBroker;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.TestBroker;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TopicRecords;
import dev.agentmail.runtime.outbox.Outbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The relay under faults: a broker that dies in the middle of a batch, and an event Kafka will never take. */
@QuarkusTest
class OutboxFaultsTest {

    /** A guard against hanging, not a measured expectation. */
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Inject
    Outbox outbox;

    @InjectTestBroker
    TestBroker broker;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void eventsOfEachKeyStayInOrderWhenTheBrokerDiesInTheMiddleOfABatch() {
        String run = UUID.randomUUID().toString();
        int keys = 20;
        int events = 20_000;
        // Appended in one statement, so that the relay has many batches to go through when the broker dies.
        database.execute("""
                insert into outbox (event_id, topic, record_key, event_type, payload)
                select ? || '-' || i, 'auth.events', ? || '-' || (i % ?), 'api_key.updated',
                       jsonb_build_object('type', 'event', 'event_type', 'api_key.updated', 'n', i)
                from generate_series(1, ?) as i""", run, run, keys, events);
        await("the relay to start publishing").atMost(PATIENCE).pollInterval(Duration.ofMillis(1))
                .until(() -> unpublished(run) < events);
        broker.stop();
        int leftWhenTheBrokerDied = unpublished(run);
        broker.start();
        assertTrue(leftWhenTheBrokerDied > 0, "the broker died before the relay was done");

        await("every event to be published").atMost(PATIENCE).until(() -> unpublished(run) == 0);
        Map<String, List<Long>> published = firstSeenPerKey(run, events);
        assertEquals(keys, published.size());
        published.forEach((key, sequence) -> {
            List<Long> inOrder = new ArrayList<>(sequence);
            inOrder.sort(null);
            assertEquals(inOrder, sequence, "events of " + key + " in the order they were appended");
        });
    }

    @Test
    void anEventKafkaRefusesIsParkedAndTheEventsAfterItFlow() throws Throwable {
        String key = TestEvent.newKey();
        TestEvent tooLarge = TestEvent.ofSize(key, 2 * 1024 * 1024);
        TestEvent after = TestEvent.of(key);
        Transactions.commit(() -> tooLarge.appendTo(outbox));
        Transactions.commit(() -> after.appendTo(outbox));

        ConsumerRecord<String, String> next = TopicRecords.firstRecords(bootstrapServers, TestEvent.TOPIC, key, 1).get(0);
        assertEquals(after.id(), TopicRecords.header(next, "ce_id"));
        List<Map<String, Object>> parked = database.query(
                "select event_id, error from outbox_parked where event_id = ?", tooLarge.id());
        assertEquals(1, parked.size());
        assertTrue(((String) parked.get(0).get("error")).contains("RecordTooLargeException"), parked.toString());
        assertTrue(database.query("select id from outbox where event_id = ?", tooLarge.id()).isEmpty());
    }

    @Test
    void theOperatorsRetryPutsAParkedEventBackInItsPlace() throws Throwable {
        TestEvent tooLarge = TestEvent.ofSize(TestEvent.newKey(), 2 * 1024 * 1024);
        Transactions.commit(() -> tooLarge.appendTo(outbox));
        await("the event to be parked").atMost(PATIENCE)
                .until(() -> parkedAt(tooLarge) != null);
        Object firstParked = parkedAt(tooLarge);

        List<Map<String, Object>> retried = database.query("select outbox_retry_parked() as retried");
        assertTrue(((Number) retried.get(0).get("retried")).longValue() >= 1, retried.toString());
        // Still too large: tried again, and parked again.
        await("the event to be parked again").atMost(PATIENCE)
                .until(() -> parkedAt(tooLarge) != null && !parkedAt(tooLarge).equals(firstParked));
    }

    private Object parkedAt(TestEvent event) {
        return database.query("select parked_at from outbox_parked where event_id = ?", event.id()).stream()
                .findFirst().map(row -> row.get("parked_at")).orElse(null);
    }

    private int unpublished(String run) {
        return ((Number) database.query("select count(*) as n from outbox where event_id like ?", run + "-%")
                .get(0).get("n")).intValue();
    }

    /** Per key, the appended sequence numbers in the order a read_committed consumer first sees each event. */
    private Map<String, List<Long>> firstSeenPerKey(String run, int events) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Set<String> seen = new LinkedHashSet<>();
        Map<String, List<Long>> perKey = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TestEvent.TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (seen.size() < events && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    // Other tests' records share the topic, some without headers (the wiring probe's).
                    var header = record.headers().lastHeader("ce_id");
                    String id = header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
                    if (id.startsWith(run + "-") && seen.add(id)) {
                        perKey.computeIfAbsent(record.key(), k -> new ArrayList<>())
                                .add(Long.parseLong(id.substring(run.length() + 1)));
                    }
                }
            }
        }
        assertEquals(events, seen.size(), "every event was published");
        return perKey;
    }
}
