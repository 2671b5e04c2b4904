package dev.agentmail.local.testing;

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
 * Fields annotated with {@link InjectTestBroker} get it as a {@link TestBroker}, to stop and restart it.
 */
public final class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private Path dataDir;
    private TestBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("agentmail-kafka-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = TestBroker.startIn(dataDir);
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(broker,
                new TestInjector.AnnotatedAndMatchesType(InjectTestBroker.class, TestBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        deleteTree(dataDir);
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
