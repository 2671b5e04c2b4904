package dev.agentmail.local.testing;

import dev.agentmail.local.kafka.KafkaBroker;
import dev.agentmail.local.process.ProcessOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Kafka broker of a test run, for tests that take it away and bring it back: {@link #stop()} and
 * {@link #start()} keep its port and data folder, so clients reconnect to the same address and find every record
 * written before the stop. Its log is {@code broker.log} in the data folder, printed when the broker fails to start.
 */
public final class TestBroker implements AutoCloseable {

    private final Path dataDir;
    private KafkaBroker broker;

    private TestBroker(Path dataDir, KafkaBroker broker) {
        this.dataDir = dataDir;
        this.broker = broker;
    }

    /** Starts a broker with its data in {@code dataDir}, on a free port that it keeps across restarts. */
    public static TestBroker startIn(Path dataDir) {
        return new TestBroker(dataDir, launch(dataDir, 0));
    }

    public synchronized String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Stops the broker (clients see it go away, as in an outage); nothing happens when it is already stopped. */
    public synchronized void stop() {
        broker.close();
    }

    /** Starts the stopped broker again on the same port and data folder; nothing happens when it is running. */
    public synchronized void start() {
        if (!broker.isAlive()) {
            broker = launch(dataDir, broker.port());
        }
    }

    @Override
    public synchronized void close() {
        broker.close();
    }

    private static KafkaBroker launch(Path dataDir, int port) {
        Path log = dataDir.resolve("broker.log");
        try {
            return KafkaBroker.start(dataDir, port, ProcessOutput.toFile(log));
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + readQuietly(log), e);
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no broker log: " + e.getMessage() + ")";
        }
    }
}
