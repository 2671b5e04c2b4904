package dev.agentmail.local.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.local.net.Ports;
import dev.agentmail.local.process.ProcessOutput;
import dev.agentmail.local.testing.TopicProbe;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void recordsSurviveARestartOnTheSameFolder() {
        String key = UUID.randomUUID().toString();
        int partition;
        long offset;
        try (KafkaBroker broker = start()) {
            var record = TopicProbe.writeAndReadBack(broker.bootstrapServers(), "probe.events", key, "kept");
            partition = record.partition();
            offset = record.offset();
        }
        try (KafkaBroker broker = start()) {
            assertEquals("kept", readAt(broker.bootstrapServers(), new TopicPartition("probe.events", partition), offset));
        }
    }

    @Test
    void aLeftoverBrokerOnTheFolderIsStoppedBeforeANewStart() {
        KafkaBroker leftover = start();
        int port = leftover.port();
        // Start again on the same folder and port without closing the first, as after a killed launcher.
        try (KafkaBroker broker = KafkaBroker.start(dataDir, port, ProcessOutput.toFile(dataDir.resolve("b.log")))) {
            assertFalse(leftover.isAlive(), "the leftover broker was stopped");
            assertTrue(broker.isAlive());
            TopicProbe.writeAndReadBack(broker.bootstrapServers(), "probe.events", "k", "v");
        }
    }

    @Test
    void aPortTakenByAnotherProcessIsNotMistakenForOurBroker() throws Exception {
        try (ServerSocket stranger = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () ->
                    KafkaBroker.start(dataDir, stranger.getLocalPort(), ProcessOutput.toFile(dataDir.resolve("b.log"))));
            assertTrue(refused.getMessage().contains("taken by another process"), refused.getMessage());
        }
    }

    @Test
    void closeStopsTheBrokerAndFreesItsPort() {
        KafkaBroker broker = start();
        int port = broker.port();
        broker.close();
        assertFalse(broker.isAlive());
        assertFalse(Ports.accepts(port));
    }

    private KafkaBroker start() {
        return KafkaBroker.start(dataDir, 0, ProcessOutput.toFile(dataDir.resolve("broker.log")));
    }

    private static String readAt(String bootstrapServers, TopicPartition partition, long offset) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID()),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            for (int polls = 0; polls < 60; polls++) {
                for (var record : consumer.poll(java.time.Duration.ofMillis(500))) {
                    if (record.offset() == offset) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("nothing at " + partition + "@" + offset);
    }
}
