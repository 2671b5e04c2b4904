package dev.agentmail.inbox.inbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.inbox.TestOrganization;
import dev.agentmail.runtime.outbox.OutboxRelay;
import dev.agentmail.local.testing.InjectTestBroker;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestBroker;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.local.testing.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An inbox made while the broker is away: the API answers as usual, the service stays ready (the outbox covers the
 * outage) while its wellness check reports the broker, and the event goes out once the broker is back.
 */
@QuarkusTest
class InboxEventsBrokerOutageTest {

    /** A guard against hanging, not a measured expectation. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final String ROWS_OF_INBOX = "select event_id, event_type from outbox where record_key = ? order by id";

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestBroker
    TestBroker broker;

    @InjectTestDatabase
    TestDatabase database;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void anInboxCreatedWhileTheBrokerIsDownIsPublishedOnceItIsBack() {
        TestOrganization organization = TestOrganization.fresh(issuer);
        JsonNode created;
        List<Map<String, Object>> rowsWhileDown;
        broker.stop();
        try {
            created = TopicRecords.json(organization.owner()
                    .body(Map.of("username", TestOrganization.username("outage")))
                    .post("/v0/inboxes").then().statusCode(200).extract().asString());
            // The relay tried to publish it to the stopped broker and gave up for now: the row is kept.
            await("the relay to find the broker away").atMost(PATIENCE).until(relay::brokerAway);
            rowsWhileDown = database.query(ROWS_OF_INBOX, created.get("inbox_id").textValue());
            assertEquals(1, rowsWhileDown.size(), rowsWhileDown.toString());
            assertEquals("inbox.created", rowsWhileDown.get(0).get("event_type"));
            // Still in service, and saying why its events wait.
            given().get("/q/health/ready").then().statusCode(200);
            given().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'outbox relay' }.status", equalTo("DOWN"));
        } finally {
            broker.start();
        }
        await("the relay to publish again").atMost(PATIENCE).until(() -> !relay.brokerAway());
        given().get("/q/health/well").then().statusCode(200);

        String inboxId = created.get("inbox_id").textValue();
        ConsumerRecord<String, String> record =
                TopicRecords.firstRecords(bootstrapServers, "inbox.events", inboxId, 1).get(0);
        JsonNode value = TopicRecords.json(record.value());
        assertEquals(rowsWhileDown.get(0).get("event_id"), value.get("event_id").textValue());
        assertEquals(rowsWhileDown.get(0).get("event_id"), TopicRecords.header(record, "ce_id"));
        assertEquals("inbox.created", value.get("event_type").textValue());
        assertEquals(organization.id(), value.get("organization_id").textValue());
        assertEquals(created, value.get("inbox"));
        await("the published event's row to be deleted").atMost(PATIENCE)
                .until(() -> database.query(ROWS_OF_INBOX, inboxId).isEmpty());
    }
}
