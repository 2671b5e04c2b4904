package dev.agentmail.local.testing;

import dev.agentmail.local.kafka.KafkaBroker;
import dev.agentmail.local.process.ProcessOutput;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh Kafka broker for one test run: new folder, free ports, so nothing a previous run left can be read.
 * Its log is {@code broker.log} in that folder, printed when the broker fails to start.
 */
public final class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private Path dataDir;
    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("agentmail-kafka-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = dataDir.resolve("broker.log");
        try {
            broker = KafkaBroker.start(dataDir, 0, ProcessOutput.toFile(log));
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + readQuietly(log), e);
        }
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        deleteTree(dataDir);
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no broker log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
