package dev.agentmail.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The service starts against the real database and broker that deploy/local provides. */
@QuarkusTest
class WiringTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void readinessIsUpAgainstTheRealServers() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'Reactive PostgreSQL connections health check' }.status", is("UP"))
                .body("checks.find { it.name == 'Kafka connection health check' }.status", is("UP"));
    }

    @Test
    void migrationsRunAtStart() {
        assertEquals(List.of(Map.of("version", "1", "success", true)),
                database.query("select version, success from flyway_schema_history where version is not null"));
        assertTrue(database.query("select organization_id, name, created_at, updated_at from organizations").isEmpty());
    }

    @Test
    void aRecordWrittenToItsTopicIsReadBack() {
        String key = UUID.randomUUID().toString();
        var record = TopicProbe.writeAndReadBack(kafka, "auth.events", key, "{\"probe\":true}");
        assertEquals(key, record.key());
        assertEquals("{\"probe\":true}", record.value());
    }
}
