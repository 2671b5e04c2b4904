package dev.agentmail.local.launcher;

import dev.agentmail.local.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link LocalSuite} in the foreground on its usual ports: waits until each service is ready, streams
 * their logs with their names, and on Ctrl-C or SIGTERM stops the services, then Kafka, then an embedded
 * PostgreSQL. Run by {@code deploy/local/up}, which builds what is missing first.
 */
public final class Launcher {

    private final Path dataDir;
    private final LocalSuite suite;
    private final CountDownLatch stopping = new CountDownLatch(1);

    private Launcher(Path root, Path dataDir) {
        this.dataDir = dataDir;
        this.suite = new LocalSuite(SuiteOptions.launcher(root, dataDir));
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String data = System.getenv("AGENTMAIL_DATA");
        Path dataDir = data != null ? Path.of(data) : Path.of(System.getProperty("user.home"), ".agentmail");
        Launcher launcher = new Launcher(root, dataDir.toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "agentmail-stop"));
        System.exit(launcher.run());
    }

    private int run() throws InterruptedException {
        long begin = System.nanoTime();
        try {
            suite.start();
            System.out.println("PostgreSQL: " + suite.postgres() + (suite.isPostgresEmbedded() ? " (embedded)" : "")
                    + "; Kafka: " + suite.kafkaBootstrapServers());
            System.out.printf("%nAgentMail is up in %d s: gateway at %s (data in %s). Ctrl-C stops it.%n%n",
                    Duration.ofNanos(System.nanoTime() - begin).toSeconds(), suite.url("gateway"), dataDir);
            return watch(suite.services());
        } catch (RuntimeException e) {
            System.err.println("AgentMail did not start: " + e.getMessage());
            return 1;
        }
    }

    /** Blocks until Ctrl-C, or until a service dies on its own, which stops the rest too. */
    private int watch(List<ChildProcess> services) throws InterruptedException {
        while (!stopping.await(1, TimeUnit.SECONDS)) {
            for (ChildProcess service : services) {
                if (!service.isAlive()) {
                    System.err.println(service.name() + " exited with " + service.exitCode().orElse(-1)
                            + "; stopping the suite");
                    return 1;
                }
            }
        }
        return 0;
    }

    private void stopAll() {
        stopping.countDown();
        suite.close();
    }
}
