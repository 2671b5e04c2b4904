package dev.agentmail.local.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.agentmail.local.net.Ports;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartedBrokerAnswersOnTheSamePortWithItsRecordsKept() {
        try (TestBroker broker = TestBroker.startIn(dataDir)) {
            String address = broker.bootstrapServers();
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            String key = UUID.randomUUID().toString();
            var before = TopicProbe.writeAndReadBack(address, "probe.events", key, "before");

            broker.stop();
            assertFalse(Ports.accepts(port), "the stopped broker still accepts connections");
            broker.start();

            assertEquals(address, broker.bootstrapServers());
            var after = TopicProbe.writeAndReadBack(address, "probe.events", key, "after");
            // Same key, same partition: the next offset proves the log from before the stop is still there.
            assertEquals(before.partition(), after.partition());
            assertEquals(before.offset() + 1, after.offset());
        }
    }
}
