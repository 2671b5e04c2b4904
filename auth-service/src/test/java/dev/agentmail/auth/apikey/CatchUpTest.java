package dev.agentmail.auth.apikey;

import static dev.agentmail.auth.Callers.BOOTSTRAP_KEY;
import static dev.agentmail.auth.Callers.BOOTSTRAP_ORGANIZATION;
import static dev.agentmail.auth.Callers.as;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.local.testing.DocumentedEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A key for an inbox whose inbox.created is on the topic but not applied here yet is made all the same: the
 * service catches up with the topic before it answers 404 (docs/read-your-writes.md).
 */
@QuarkusTest
class CatchUpTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aKeyForAnInboxWhoseEventIsInATransactionStillBeingCommittedWaitsForIt() throws Exception {
        String inboxId = "caught-" + UUID.randomUUID().toString().substring(0, 8) + "@agentmail.test";
        // A first request, so that the one below is not slowed by the first use of the client or the service.
        as(BOOTSTRAP_KEY).body(Map.of("name", "x")).post("/v0/inboxes/nobody@agentmail.test/api-keys").then()
                .statusCode(404);
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("inbox.events", inboxId, created(inboxId))).get(30, TimeUnit.SECONDS);
            // The record is in the log, but its transaction is not ended: this is what a partition looks like
            // between the broker's answer to a commit and its writing of the commit marker, a moment in which the
            // creating service may already have answered its caller.
            CompletableFuture<Response> keyCreation = CompletableFuture.supplyAsync(() -> as(BOOTSTRAP_KEY)
                    .body(Map.of("name", "right away")).post("/v0/inboxes/" + inboxId + "/api-keys"));
            // Held open long enough for a service that does not wait for the transaction to answer 404 first.
            Thread.sleep(500);
            assertFalse(keyCreation.isDone(), "answered before the inbox's transaction ended: "
                    + (keyCreation.isDone() ? keyCreation.get().asString() : ""));
            producer.commitTransaction();

            keyCreation.get(30, TimeUnit.SECONDS).then().statusCode(200).body("inbox_id", is(inboxId));
        }
    }

    private KafkaProducer<String, String> transactionalProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "catch-up-test-" + UUID.randomUUID()),
                new StringSerializer(), new StringSerializer());
    }

    private static String created(String inboxId) {
        ObjectNode event = DocumentedEvents.example("inbox.created");
        event.put("event_id", "evt_" + UUID.randomUUID()).put("organization_id", BOOTSTRAP_ORGANIZATION);
        ((ObjectNode) event.get("inbox")).put("inbox_id", inboxId).put("email", inboxId).put("pod_id", "pod_catch");
        return event.toString();
    }
}
