package dev.agentmail.local.testing;

import dev.agentmail.local.postgres.LocalPostgres;
import dev.agentmail.local.postgres.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A fresh database for one test run of a service, on the configured PostgreSQL (or an embedded one), dropped at
 * the end. Init arg {@code service} names it: {@code service=inbox} gives {@code inbox_test_<random>}.
 */
public final class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private String service = "service";
    private LocalPostgres postgres;
    private TestDatabase database;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        postgres = LocalPostgres.start(PostgresServer.fromEnvironment(), Optional.empty());
        String name = service + "_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        postgres.createDatabase(name);
        PostgresServer server = postgres.server();
        database = new TestDatabase(server, name);
        return Map.of(
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password(),
                "quarkus.datasource.jdbc.url", server.jdbcUrl(name),
                "quarkus.datasource.reactive.url", server.reactiveUrl(name));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(database,
                new TestInjector.AnnotatedAndMatchesType(InjectTestDatabase.class, TestDatabase.class));
    }

    @Override
    public void stop() {
        if (postgres == null) {
            return;
        }
        try {
            if (database != null) {
                postgres.dropDatabase(database.name());
            }
        } finally {
            postgres.close();
        }
    }
}
