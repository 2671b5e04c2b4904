package dev.agentmail.local.launcher;

import dev.agentmail.local.kafka.KafkaBroker;
import dev.agentmail.local.net.Ports;
import dev.agentmail.local.postgres.LocalPostgres;
import dev.agentmail.local.postgres.PostgresServer;
import dev.agentmail.local.process.ChildProcess;
import dev.agentmail.local.process.ProcessOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts the whole suite on its embedded defaults: PostgreSQL (the local server, or an embedded one), a Kafka
 * broker, then the four services from their built jars; waits until each is ready, streams their logs with their
 * names, and on Ctrl-C or SIGTERM stops the services, then Kafka, then an embedded PostgreSQL.
 * Run by {@code deploy/local/up}, which builds what is missing first.
 */
public final class Launcher {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path root;
    private final Path dataDir;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);

    private Launcher(Path root, Path dataDir) {
        this.root = root;
        this.dataDir = dataDir;
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
            List<ChildProcess> services = startSuite();
            System.out.printf("%nAgentMail is up in %d s: gateway at http://127.0.0.1:%d (data in %s). Ctrl-C stops it.%n%n",
                    Duration.ofNanos(System.nanoTime() - begin).toSeconds(), SuiteService.GATEWAY.port(), dataDir);
            return watch(services);
        } catch (RuntimeException e) {
            System.err.println("AgentMail did not start: " + e.getMessage());
            return 1;
        }
    }

    private List<ChildProcess> startSuite() throws InterruptedException {
        for (SuiteService service : SuiteService.values()) {
            if (!Files.exists(service.runnable(root))) {
                throw new IllegalStateException(service.runnable(root) + " is missing; run ./mvnw package -DskipTests");
            }
            Ports.claim(service.port(), service.module(), "nothing (stop the process that holds it)");
        }
        LocalPostgres postgres = LocalPostgres.start(PostgresServer.fromEnvironment(),
                Optional.of(dataDir.resolve("postgres")));
        started.add(postgres);
        KafkaBroker kafka = KafkaBroker.start(dataDir.resolve("kafka"), kafkaPort(),
                ProcessOutput.prefixed("kafka", System.out));
        started.add(kafka);
        System.out.println("PostgreSQL: " + postgres.server() + (postgres.isEmbedded() ? " (embedded)" : "")
                + "; Kafka: " + kafka.bootstrapServers());

        // auth-service first and ready before the rest: they discover its token issuer when they start.
        ChildProcess auth = startService(SuiteService.AUTH, postgres, kafka);
        awaitReady(SuiteService.AUTH, auth);
        List<ChildProcess> services = new ArrayList<>(List.of(auth));
        List<SuiteService> rest = List.of(SuiteService.INBOX, SuiteService.THREAD, SuiteService.GATEWAY);
        for (SuiteService service : rest) {
            services.add(startService(service, postgres, kafka));
        }
        for (int i = 0; i < rest.size(); i++) {
            awaitReady(rest.get(i), services.get(i + 1));
        }
        return services;
    }

    private ChildProcess startService(SuiteService service, LocalPostgres postgres, KafkaBroker kafka) {
        service.database().ifPresent(postgres::createDatabase);
        ChildProcess process = ChildProcess.startJava(service.module(),
                List.of("-Xmx256m", "-jar", service.runnable(root).toString()),
                environment(service, postgres.server(), kafka),
                dataDir.resolve("run").resolve(service.module() + ".pid"),
                ProcessOutput.prefixed(service.module(), System.out));
        started.add(process);
        return process;
    }

    private static void awaitReady(SuiteService service, ChildProcess process) throws InterruptedException {
        if (!HealthWait.untilReady(process, service.port(), READY_TIMEOUT)) {
            throw new IllegalStateException(service.module() + " did not become ready on port " + service.port());
        }
    }

    private static Map<String, String> environment(SuiteService service, PostgresServer postgres, KafkaBroker kafka) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        service.database().ifPresent(database -> {
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
        });
        // AGENTMAIL_BOOTSTRAP_API_KEY, when set, reaches auth-service through the inherited environment.
        return env;
    }

    private static int kafkaPort() {
        String port = System.getenv("AGENTMAIL_KAFKA_PORT");
        return port == null || port.isBlank() ? 9092 : Integer.parseInt(port);
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

    /** Stops what was started, newest first: services, then Kafka, then PostgreSQL. */
    private synchronized void stopAll() {
        stopping.countDown();
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
        started.clear();
    }
}
