package dev.agentmail.local.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every service's tests prove about its wiring to the real servers: readiness is UP with the checks that
 * matter and without the broker, and the broker it is configured with carries its topic. A service's
 * {@code @QuarkusTest} implements it.
 */
public interface ServiceWiringContract {

    /** The broker the service was configured with ({@code kafka.bootstrap.servers}). */
    String bootstrapServers();

    /** The topic the service writes, or for a service that writes none, the one it reads. */
    String topic();

    /** The readiness checks that must be present and UP, by name. */
    List<String> readinessChecks();

    @Test
    default void readinessIsUpWithEveryCheckThatMatters() {
        JsonPath health = given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .extract().jsonPath();
        for (String check : readinessChecks()) {
            assertEquals("UP", health.getString("checks.find { it.name == '" + check + "' }.status"), check);
        }
        // The broker is no part of it: the outbox rides out an outage (docs/events.md), so a broker away must not
        // take every replica out of service.
        assertEquals(List.of(), health.getList("checks.findAll { it.name.contains('Kafka') }.name"),
                "readiness checks of the broker");
    }

    @Test
    default void aRecordWrittenToItsTopicIsReadBack() {
        String key = UUID.randomUUID().toString();
        var record = TopicProbe.writeAndReadBack(bootstrapServers(), topic(), key, "{\"probe\":true}");
        assertEquals(key, record.key());
        assertEquals("{\"probe\":true}", record.value());
    }
}
