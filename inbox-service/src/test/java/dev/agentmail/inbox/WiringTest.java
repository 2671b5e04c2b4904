package dev.agentmail.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.InternalTokenContract;
import dev.agentmail.local.testing.ServiceWiringContract;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The service runs against the real servers deploy/local gives it: its database, its broker and the issuer of internal tokens.
 */
@QuarkusTest
class WiringTest implements ServiceWiringContract, InternalTokenContract {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @InjectTestDatabase
    TestDatabase database;

    @InjectTestIssuer
    TestIssuer issuer;

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String topic() {
        return "inbox.events";
    }

    @Override
    public List<String> readinessChecks() {
        return List.of("Reactive PostgreSQL connections health check");
    }

    @Override
    public TestIssuer issuer() {
        return issuer;
    }

    @Test
    void migrationsRunAtStart() {
        // 4 made the outbox table before the runtime did (db/runtime/beforeMigrate__outbox.sql).
        assertEquals(List.of(Map.of("version", "1", "success", true), Map.of("version", "2", "success", true),
                        Map.of("version", "3", "success", true), Map.of("version", "5", "success", true)),
                database.query("select version, success from flyway_schema_history where version is not null"
                        + " order by installed_rank"));
        assertTrue(database.query("select pod_id, organization_id, name, client_id, created_at, updated_at from pods"
                + " where false").isEmpty());
        assertTrue(database.query("select inbox_id, organization_id, pod_id, display_name, client_id, metadata,"
                + " search_words, search_vector, created_at, updated_at from inboxes where false").isEmpty());
        assertTrue(database.query("select id, event_id, topic, record_key, event_type, payload, created_at from outbox"
                + " where false").isEmpty());
    }
}
