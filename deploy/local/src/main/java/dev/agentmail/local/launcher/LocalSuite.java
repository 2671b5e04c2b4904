package dev.agentmail.local.launcher;

import dev.agentmail.local.kafka.KafkaBroker;
import dev.agentmail.local.kafka.SuiteTopics;
import dev.agentmail.local.net.Ports;
import dev.agentmail.local.postgres.LocalPostgres;
import dev.agentmail.local.postgres.PostgresServer;
import dev.agentmail.local.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole suite on its embedded defaults: PostgreSQL (the configured server, or an embedded one), a Kafka broker,
 * then the four services from their built jars, each told where the others are; {@link #start()} returns once every
 * service is ready. {@link #close()} stops the services, then Kafka, then an embedded PostgreSQL. deploy/local/up
 * runs it through {@link Launcher}; system tests run a private copy of it ({@link SuiteOptions#isolated}).
 */
public final class LocalSuite implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final SuiteOptions options;
    private final Map<SuiteService, Integer> ports = new EnumMap<>(SuiteService.class);
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<ChildProcess> services = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();
    private LocalPostgres postgres;
    private KafkaBroker kafka;

    public LocalSuite(SuiteOptions options) {
        this.options = options;
    }

    /** Starts everything and waits until each service is ready; on failure stops what it started and throws. */
    public LocalSuite start() throws InterruptedException {
        try {
            startAll();
            return this;
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /** The HTTP port of a service, by module name ({@code gateway}, {@code auth-service}, ...). */
    public int port(String module) {
        return ports.get(service(module));
    }

    /**
     * Stops a service, leaves it down for {@code down}, and starts it again on the same port, database and broker;
     * returns once it is ready. What a restart must survive happens meanwhile (a scheduled send falling due).
     */
    public synchronized void restart(String module, Duration down) throws InterruptedException {
        replace(module, ChildProcess::close, down);
    }

    /**
     * Kills a service as a crash would (SIGKILL) and starts it again at once on the same port, database and broker;
     * returns once it is ready.
     */
    public synchronized void kill(String module) throws InterruptedException {
        replace(module, ChildProcess::kill, Duration.ZERO);
    }

    /**
     * Kills the Kafka broker (SIGKILL), leaves it down for {@code down}, and starts it again on the same port and
     * data folder; returns once it accepts connections.
     */
    public synchronized void killBroker(Duration down) throws InterruptedException {
        int port = kafka.port();
        kafka.kill();
        started.remove(kafka);
        Thread.sleep(down.toMillis());
        kafka = KafkaBroker.start(options.dataDir().resolve("kafka"), port, options.output().apply("kafka"));
        // After the PostgreSQL entry and before the services, so that close() still stops the services first.
        started.add(1, kafka);
    }

    private void replace(String module, Consumer<ChildProcess> stop, Duration down) throws InterruptedException {
        SuiteService service = service(module);
        ChildProcess running = services.stream().filter(process -> process.name().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalStateException(module + " is not running"));
        stop.accept(running);
        started.remove(running);
        services.remove(running);
        Thread.sleep(down.toMillis());
        awaitReady(service, launch(service));
    }

    private static SuiteService service(String module) {
        for (SuiteService service : SuiteService.values()) {
            if (service.module().equals(module)) {
                return service;
            }
        }
        throw new IllegalArgumentException("no service " + module);
    }

    public String url(String module) {
        return "http://127.0.0.1:" + port(module);
    }

    /** The name of a service's database in this suite, by module name. */
    public String database(String module) {
        return service(module).database(options.databaseNamePrefix())
                .orElseThrow(() -> new IllegalArgumentException(module + " has no database"));
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public PostgresServer postgres() {
        return postgres.server();
    }

    public boolean isPostgresEmbedded() {
        return postgres.isEmbedded();
    }

    /** The service processes, in start order (auth-service first). */
    public List<ChildProcess> services() {
        return List.copyOf(services);
    }

    /** Stops what was started, newest first: services, then Kafka, then PostgreSQL (dropping test databases). */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
        started.clear();
    }

    private synchronized void startAll() throws InterruptedException {
        for (SuiteService service : SuiteService.values()) {
            if (!Files.exists(service.runnable(options.root()))) {
                throw new IllegalStateException(service.runnable(options.root())
                        + " is missing; run ./mvnw package -DskipTests");
            }
            ports.put(service, options.freePorts() ? Ports.free()
                    : Ports.claim(service.port(), service.module(), "nothing (stop the process that holds it)"));
        }
        try {
            Files.createDirectories(options.dataDir().resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = LocalPostgres.start(PostgresServer.fromEnvironment(),
                Optional.of(options.dataDir().resolve("postgres")));
        started.add(() -> {
            if (options.dropDatabases()) {
                databases.forEach(postgres::dropDatabase);
            }
            postgres.close();
        });
        kafka = KafkaBroker.start(options.dataDir().resolve("kafka"), options.freePorts() ? 0 : kafkaPort(),
                options.output().apply("kafka"));
        started.add(kafka);
        SuiteTopics.create(kafka.bootstrapServers());

        // auth-service first and ready before the rest: they discover its token issuer when they start.
        ChildProcess auth = startService(SuiteService.AUTH);
        awaitReady(SuiteService.AUTH, auth);
        List<SuiteService> rest = List.of(SuiteService.INBOX, SuiteService.THREAD, SuiteService.GATEWAY);
        List<ChildProcess> others = new ArrayList<>();
        for (SuiteService service : rest) {
            others.add(startService(service));
        }
        for (int i = 0; i < rest.size(); i++) {
            awaitReady(rest.get(i), others.get(i));
        }
    }

    private ChildProcess startService(SuiteService service) {
        service.database(options.databaseNamePrefix()).ifPresent(database -> {
            postgres.createDatabase(database);
            databases.add(database);
        });
        return launch(service);
    }

    private ChildProcess launch(SuiteService service) {
        ChildProcess process = ChildProcess.startJava(service.module(),
                List.of("-Xmx256m", "-jar", service.runnable(options.root()).toString()),
                environment(service),
                options.dataDir().resolve("run").resolve(service.module() + ".pid"),
                options.output().apply(service.module()));
        started.add(process);
        services.add(process);
        return process;
    }

    private void awaitReady(SuiteService service, ChildProcess process) throws InterruptedException {
        if (!HealthWait.untilReady(process, ports.get(service), READY_TIMEOUT)) {
            throw new IllegalStateException(service.module() + " did not become ready on port " + ports.get(service));
        }
    }

    /** Each service's port, database and broker, and where the services it calls listen. */
    private Map<String, String> environment(SuiteService service) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(service)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        PostgresServer server = postgres.server();
        service.database(options.databaseNamePrefix()).ifPresent(database -> {
            env.put("QUARKUS_DATASOURCE_USERNAME", server.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", server.password());
            env.put("QUARKUS_DATASOURCE_JDBC_URL", server.jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", server.reactiveUrl(database));
        });
        String issuer = "http://127.0.0.1:" + ports.get(SuiteService.AUTH);
        switch (service) {
            case AUTH -> {
                env.put("AGENTMAIL_AUTH_ISSUER", issuer);
                // One fixed secret for every local suite, as their databases outlive any one data folder; a
                // deployment makes its own (deploy/k8s/create-secrets). The caller's own, when set, is inherited.
                if (System.getenv("AGENTMAIL_AUTH_SIGNING_KEYS_SECRET") == null) {
                    env.put("AGENTMAIL_AUTH_SIGNING_KEYS_SECRET", "local-suite-only-not-a-secret-0123456789abcdef");
                }
            }
            case INBOX -> env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer);
            case THREAD -> {
                env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer);
                // The download_url links it hands out lead through this suite's gateway, on whatever port it has.
                env.put("AGENTMAIL_THREAD_DOWNLOADS_BASE_URL",
                        "http://127.0.0.1:" + ports.get(SuiteService.GATEWAY));
                // On a developer's machine attachment URLs may point at local files servers; the caller's own
                // AGENTMAIL_EGRESS_ALLOW, when set, is inherited instead.
                if (System.getenv("AGENTMAIL_EGRESS_ALLOW") == null) {
                    env.put("AGENTMAIL_EGRESS_ALLOW", "127.0.0.0/8,::1");
                }
            }
            case GATEWAY -> {
                env.put("AGENTMAIL_GATEWAY_UPSTREAM_AUTH_SERVICE", issuer);
                env.put("AGENTMAIL_GATEWAY_UPSTREAM_INBOX_SERVICE", "http://127.0.0.1:" + ports.get(SuiteService.INBOX));
                env.put("AGENTMAIL_GATEWAY_UPSTREAM_THREAD_SERVICE",
                        "http://127.0.0.1:" + ports.get(SuiteService.THREAD));
            }
        }
        // AGENTMAIL_BOOTSTRAP_API_KEY, when set, reaches auth-service through the inherited environment.
        env.putAll(options.environment().getOrDefault(service.module(), Map.of()));
        return env;
    }

    private static int kafkaPort() {
        String port = System.getenv("AGENTMAIL_KAFKA_PORT");
        return port == null || port.isBlank() ? 9092 : Integer.parseInt(port);
    }
}
