package dev.agentmail.auth.outbox;

import static dev.agentmail.auth.Callers.BOOTSTRAP_KEY;
import static dev.agentmail.auth.Callers.as;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.local.testing.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A request that appended events answers once consumers that read committed records can read them: asked right
 * after the answer, the partition's last stable offset is already past the event. This is what lets another
 * service catch up with the event when the caller names what it just made (docs/read-your-writes.md).
 */
@QuarkusTest
class ReadableOnAnswerTest {

    /** The broker writes a transaction's markers a moment after it answers the commit; enough tries to meet that. */
    private static final int ROUNDS = 50;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void anAnsweredRequestsEventIsWithinTheLastStableOffsetOfItsPartition() throws Exception {
        Map<String, Map<TopicPartition, Long>> lastStableAtAnswer = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            List<TopicPartition> partitions = partitions(admin);
            for (int i = 0; i < ROUNDS; i++) {
                String id = as(BOOTSTRAP_KEY).body(Map.of("name", "readable " + i)).post("/v0/api-keys")
                        .then().statusCode(200).extract().path("api_key_id");
                lastStableAtAnswer.put(id, lastStable(admin, partitions));
            }
        }

        Map<String, ConsumerRecord<String, String>> events =
                TopicRecords.firstOfEach(kafka, TestEvent.TOPIC, lastStableAtAnswer.keySet());
        lastStableAtAnswer.forEach((id, lastStable) -> {
            ConsumerRecord<String, String> event = events.get(id);
            long lastStableOfItsPartition = lastStable.get(new TopicPartition(event.topic(), event.partition()));
            assertTrue(event.offset() < lastStableOfItsPartition, "the event of " + id + " is at offset "
                    + event.offset() + ", not yet readable when the request answered (last stable offset "
                    + lastStableOfItsPartition + ")");
        });
    }

    private static List<TopicPartition> partitions(Admin admin) throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(TestEvent.TOPIC)).allTopicNames().get().get(TestEvent.TOPIC).partitions()
                .stream().map(partition -> new TopicPartition(TestEvent.TOPIC, partition.partition())).toList();
    }

    private static Map<TopicPartition, Long> lastStable(Admin admin, List<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }
}
