package dev.agentmail.local.kafka;

import dev.agentmail.local.net.Ports;
import dev.agentmail.local.process.ChildProcess;
import dev.agentmail.local.process.ProcessOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process) in a child JVM, with its
 * data in a folder of the caller's. The folder is formatted once and reused by later starts, so topics and their
 * records survive a restart of the suite.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final ChildProcess process;
    private final int port;

    private KafkaBroker(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a broker on {@code port} (0: a free one) and returns once it accepts connections.
     * A broker that a killed run left on this folder is stopped first; a port taken by anything else fails.
     */
    public static KafkaBroker start(Path dataDir, int port, ProcessOutput output) {
        try {
            Files.createDirectories(dataDir);
            Path pidFile = dataDir.resolve("broker.pid");
            // Stop our own leftover before claiming ports: it may be the one holding them.
            ChildProcess.stopLeftover(pidFile);
            int brokerPort = Ports.claim(port, "the Kafka broker", "AGENTMAIL_KAFKA_PORT");
            Path config = writeConfig(dataDir, brokerPort, Ports.free());
            Path logDir = dataDir.resolve("log");
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(config, dataDir.resolve("format.log"));
            }
            ChildProcess process = ChildProcess.startJava("kafka", List.of(
                    "-Xms128m", "-Xmx512m",
                    "-Dlog4j2.configurationFile=" + writeLogConfig(dataDir),
                    "-cp", KafkaDistribution.classPath(),
                    "kafka.Kafka", config.toString()), Map.of(), pidFile, output);
            if (!Ports.awaitAccepting(brokerPort, START_TIMEOUT, process::isAlive)) {
                process.close();
                throw new IllegalStateException("the Kafka broker did not start on port " + brokerPort
                        + " (exit " + process.exitCode().map(String::valueOf).orElse("none") + "); see its log");
            }
            return new KafkaBroker(process, brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka broker in " + dataDir, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }

    /** Kills the broker as a crash would: what it had not written to its log is lost, as on a real machine. */
    public void kill() {
        process.kill();
    }

    private static Path writeConfig(Path dataDir, int port, int controllerPort) throws IOException {
        Path config = dataDir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("log").toAbsolutePath(),
                "num.partitions=3",
                // One node: every replicated internal topic has one replica.
                "offsets.topic.replication.factor=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                ""));
        return config;
    }

    private static Path writeLogConfig(Path dataDir) throws IOException {
        Path config = dataDir.resolve("log4j2.properties");
        Files.writeString(config, String.join("\n",
                "appender.console.type=Console",
                "appender.console.name=console",
                "appender.console.layout.type=PatternLayout",
                "appender.console.layout.pattern=%d{HH:mm:ss.SSS} %-5p %m (%c{1})%n",
                "rootLogger.level=WARN",
                "rootLogger.appenderRef.console.ref=console",
                "logger.started.name=kafka.server.KafkaRaftServer",
                "logger.started.level=INFO",
                ""));
        return config;
    }

    /** Formats the log folder with a new cluster id: Kafka's own StorageTool, in a short-lived JVM. */
    private static void format(Path config, Path log) throws IOException {
        Process format = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", KafkaDistribution.classPath(),
                "kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(),
                "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            format.destroyForcibly();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }
}
