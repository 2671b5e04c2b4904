package dev.agentmail.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.local.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The service starts against the real broker that deploy/local provides. */
@QuarkusTest
class WiringTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void readinessIsUpAgainstTheRealServers() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'Kafka connection health check' }.status", is("UP"));
    }

    @Test
    void aRecordWrittenToItsTopicIsReadBack() {
        String key = UUID.randomUUID().toString();
        var record = TopicProbe.writeAndReadBack(kafka, "auth.events", key, "{\"probe\":true}");
        assertEquals(key, record.key());
        assertEquals("{\"probe\":true}", record.value());
    }
}
