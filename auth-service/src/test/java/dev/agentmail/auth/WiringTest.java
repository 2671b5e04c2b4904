package dev.agentmail.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.ServiceWiringContract;
import dev.agentmail.local.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The service runs against the real servers deploy/local gives it: its database, its broker.
 */
@QuarkusTest
class WiringTest implements ServiceWiringContract {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @InjectTestDatabase
    TestDatabase database;

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String topic() {
        return "auth.events";
    }

    @Override
    public List<String> readinessChecks() {
        return List.of("Reactive PostgreSQL connections health check");
    }

    @Test
    void migrationsRunAtStart() {
        // 3 made the outbox table before the runtime did (db/runtime/beforeMigrate__outbox.sql).
        assertEquals(List.of("1", "2", "4", "5", "6"), database.query(
                        "select version from flyway_schema_history where version is not null and success"
                                + " order by installed_rank").stream().map(row -> row.get("version")).toList());
        assertEquals(1, database.query("select organization_id, name, inbox_count from organizations"
                + " where organization_id = 'org_default'").size(), "the bootstrap organization");
        assertEquals(List.of(), database.query("select id, event_id, topic, record_key, event_type, payload, created_at"
                + " from outbox where false"), "the outbox table, from the runtime");
    }
}
