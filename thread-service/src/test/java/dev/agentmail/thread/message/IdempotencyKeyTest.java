package dev.agentmail.thread.message;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.thread.TestOrganization;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on sends: a retried send is answered, not sent again. */
@QuarkusTest
class IdempotencyKeyTest {

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private TestOrganization organization;
    private String inbox;
    private String key;

    @BeforeEach
    void anInboxAndAKey() {
        organization = TestOrganization.fresh(issuer, database, bootstrapServers);
        inbox = organization.inbox("idem");
        key = UUID.randomUUID().toString();
    }

    @Test
    void aRepeatWithTheSameKeyAnswersTheFirstSendAndSendsNothingMore() {
        Map<String, String> body = Map.of("to", "a@example.com", "text", "once");
        JsonPath first = send(key, body).then().statusCode(200).extract().jsonPath();
        JsonPath again = send(key, body).then().statusCode(200).extract().jsonPath();

        assertEquals(first.getString("message_id"), again.getString("message_id"));
        assertEquals(first.getString("thread_id"), again.getString("thread_id"));
        assertEquals(1, database.query("select 1 from messages where inbox_id = ?", inbox).size());
        assertEquals(1, database.query("select 1 from outgoing_queue where inbox_id = ?", inbox).size());
    }

    @Test
    void theSameKeyWithAnotherRequestIsAConflict() {
        send(key, Map.of("to", "a@example.com", "text", "one")).then().statusCode(200);

        send(key, Map.of("to", "a@example.com", "text", "two")).then().statusCode(409)
                .body("name", equalTo("ConflictError"));
    }

    @Test
    void aRepeatWithTheSameAttachmentAnswersTheFirstSend() {
        Map<String, ?> body = withAttachment("the same file");
        String first = send(key, body).then().statusCode(200).extract().path("message_id");

        send(key, body).then().statusCode(200).body("message_id", equalTo(first));
    }

    @Test
    void theSameKeyWithAnotherAttachmentIsAConflict() {
        send(key, withAttachment("one file")).then().statusCode(200);

        send(key, withAttachment("another file")).then().statusCode(409).body("name", equalTo("ConflictError"));
    }

    @Test
    void withoutAKeyEverySendSends() {
        Map<String, String> body = Map.of("to", "a@example.com", "text", "twice");
        String first = send(null, body).then().statusCode(200).extract().path("message_id");
        String second = send(null, body).then().statusCode(200).extract().path("message_id");
        assertNotEquals(first, second);
    }

    @Test
    void aRefusedSendDoesNotTakeTheKey() {
        send(key, Map.of("to", "not an address")).then().statusCode(400);

        send(key, Map.of("to", "a@example.com", "text", "fixed")).then().statusCode(200);
    }

    @Test
    void keysBelongToTheirOrganization() {
        send(key, Map.of("to", "a@example.com", "text", "x")).then().statusCode(200);
        TestOrganization other = TestOrganization.fresh(issuer, database, bootstrapServers);
        String otherInbox = other.inbox("idem-other");

        other.owner().header("Idempotency-Key", key).body(Map.of("to", "a@example.com", "text", "y"))
                .post(Mail.send(otherInbox)).then().statusCode(200);
    }

    @Test
    void aRepeatByAKeyThatCannotReachTheInboxIsNotFoundNotTheFirstAnswer() {
        Map<String, String> body = Map.of("to", "a@example.com", "text", "mine");
        send(key, body).then().statusCode(200);
        String elsewhere = organization.inbox("idem-elsewhere");

        organization.inboxKey(TestOrganization.DEFAULT_POD, elsewhere).header("Idempotency-Key", key).body(body)
                .post(Mail.send(inbox)).then().statusCode(404).body("name", equalTo("NotFoundError"));
        organization.ownerWith(List.of("message_read")).header("Idempotency-Key", key).body(body)
                .post(Mail.send(inbox)).then().statusCode(403);
    }

    @Test
    void aReplyWithAKeyIsAnsweredOnceToo() {
        String original = Mail.send(organization, inbox, Map.of("to", "a@example.com", "text", "x"))
                .getString("message_id");
        String path = Mail.message(inbox, original) + "/reply";
        String first = organization.owner().header("Idempotency-Key", key).body(Map.of("text", "r"))
                .post(path).then().statusCode(200).extract().path("message_id");

        organization.owner().header("Idempotency-Key", key).body(Map.of("text", "r")).post(path)
                .then().statusCode(200).body("message_id", equalTo(first));
    }

    private static Map<String, ?> withAttachment(String content) {
        return Map.of("to", "a@example.com", "text", "file", "attachments", List.of(Map.of("filename", "f.txt",
                "content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)))));
    }

    private io.restassured.response.Response send(String idempotencyKey, Map<String, ?> body) {
        var request = organization.owner().body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(Mail.send(inbox));
    }
}
