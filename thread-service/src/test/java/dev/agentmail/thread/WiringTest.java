package dev.agentmail.thread;

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
        return "message.events";
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
        assertTrue(database.query("select version from flyway_schema_history where version is not null and not success")
                .isEmpty());
        assertEquals(List.of(Map.of("version", "1")),
                database.query("select version from flyway_schema_history where version = '1'"));
    }
}
