package dev.agentmail.thread.mailbox;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.local.testing.TopicRecords;
import dev.agentmail.thread.SdkTypes;
import dev.agentmail.thread.TestOrganization;
import dev.agentmail.thread.message.Mail;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** message.received and message.sent on message.events, keyed by inbox_id, with AgentMail's exact payloads. */
@QuarkusTest
class MessageEventsTest {

    private static final String TOPIC = "message.events";

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private TestOrganization organization;
    private String sender;
    private String receiver;

    @BeforeEach
    void twoInboxes() {
        organization = TestOrganization.fresh(issuer, database, bootstrapServers);
        sender = organization.inboxInPod(TestOrganization.DEFAULT_POD, "sender", "The Sender");
        receiver = organization.inbox("receiver");
    }

    @Test
    void aMessageToOurInboxIsAnnouncedWithTheMessageAndThreadAsTheApiShowsThem() {
        String messageId = Mail.send(organization, sender, Map.of("to", receiver, "subject", "Hello",
                "text", "Hi there", "html", "<p>Hi there</p>")).getString("message_id");

        JsonNode event = value(received(receiver, messageId));
        assertEquals(Set.of("type", "event_type", "event_id", "message", "thread"), fields(event));
        assertEquals("event", event.get("type").textValue());
        assertEquals("message.received", event.get("event_type").textValue());
        assertEquals(json(organization.owner().get(Mail.message(receiver, messageId)).asString()), event.get("message"));
        String threadId = event.at("/message/thread_id").textValue();
        JsonNode listed = json(organization.owner().get("/v0/inboxes/" + receiver + "/threads").asString())
                .get("threads").get(0);
        assertEquals(threadId, listed.get("thread_id").textValue());
        assertEquals(listed, event.get("thread"));
    }

    @Test
    void aSendIsAnnouncedOnTheSendersKeyNamingEveryRecipient() {
        var sent = Mail.send(organization, sender, Map.of("to", List.of("a@example.com", receiver),
                "cc", "b@example.com", "bcc", "c@example.com", "text", "x"));

        ConsumerRecord<String, String> record = TopicRecords.await(bootstrapServers, TOPIC, sender,
                value -> "message.sent".equals(value.path("event_type").textValue()));
        JsonNode event = value(record);
        assertEquals(Set.of("type", "event_type", "event_id", "send"), fields(event));
        JsonNode send = event.get("send");
        assertEquals(sender, send.get("inbox_id").textValue());
        assertEquals(sent.getString("thread_id"), send.get("thread_id").textValue());
        assertEquals(sent.getString("message_id"), send.get("message_id").textValue());
        assertEquals(Instant.parse(Mail.get(organization, sender, sent.getString("message_id"))
                .getString("timestamp")), Instant.parse(send.get("timestamp").textValue()));
        assertEquals(List.of("a@example.com", receiver, "b@example.com", "c@example.com"),
                toList(send.get("recipients")));
    }

    @Test
    void eventsCarryTheCloudEventsHeaders() {
        String messageId = Mail.send(organization, sender, Map.of("to", receiver, "text", "x")).getString("message_id");

        ConsumerRecord<String, String> record = received(receiver, messageId);
        assertEquals(receiver, record.key());
        assertEquals(value(record).get("event_id").textValue(), TopicRecords.header(record, "ce_id"));
        assertEquals("message.received", TopicRecords.header(record, "ce_type"));
        assertEquals("agentmail/thread-service", TopicRecords.header(record, "ce_source"));
        assertEquals(receiver, TopicRecords.header(record, "ce_subject"));
        assertEquals("1.0", TopicRecords.header(record, "ce_specversion"));
        assertEquals("application/json", TopicRecords.header(record, "content-type"));
        String time = TopicRecords.header(record, "ce_time");
        assertEquals(Instant.parse(time).toString(), time);
    }

    @Test
    void everyEventHasItsOwnId() {
        String first = Mail.send(organization, sender, Map.of("to", receiver, "text", "1")).getString("message_id");
        String second = Mail.send(organization, sender, Map.of("to", receiver, "text", "2")).getString("message_id");

        Set<String> ids = new HashSet<>();
        ids.add(value(received(receiver, first)).get("event_id").textValue());
        ids.add(value(received(receiver, second)).get("event_id").textValue());
        assertEquals(2, ids.size());
        ids.forEach(id -> assertTrue(id.matches("evt_[0-9a-f-]{36}"), id));
    }

    @Test
    void aRefusedSendPublishesNothing() {
        organization.owner().body(Map.of("to", "not an address")).post(Mail.send(sender)).then().statusCode(400);
        String marker = Mail.send(organization, sender, Map.of("to", "x@example.com", "text", "after"))
                .getString("message_id");

        List<ConsumerRecord<String, String>> records = TopicRecords.firstRecords(bootstrapServers, TOPIC, sender, 1);
        assertEquals(marker, value(records.get(0)).at("/send/message_id").textValue());
    }

    @Test
    void aMessageFarOverTheEventBoundIsAnnouncedWithoutItsBodiesAndTheEventsAfterItFlow() {
        String text = "a newsletter line\n".repeat(3 * 1024 * 1024 / 18);
        String large = Mail.send(organization, sender, Map.of("to", receiver, "subject", "Large", "text", text,
                "html", "<pre>" + text + "</pre>")).getString("message_id");
        String after = Mail.send(organization, sender, Map.of("to", receiver, "text", "after")).getString("message_id");

        ConsumerRecord<String, String> record = received(receiver, large);
        assertTrue(record.value().getBytes(StandardCharsets.UTF_8).length <= 1_000_000,
                "at most 1,000,000 bytes: " + record.value().length());
        JsonNode message = value(record).get("message");
        assertTrue(message.path("text").isMissingNode() && message.path("html").isMissingNode(), "bodies left out");
        assertEquals(large, message.get("message_id").textValue());
        assertEquals("Large", message.get("subject").textValue());
        assertTrue(message.has("headers"), "the headers fit, so they stay");
        assertEquals("after", value(received(receiver, after)).at("/message/text").textValue());
        // The message itself keeps its bodies.
        assertEquals(text, Mail.get(organization, receiver, large).getString("text"));
    }

    @Test
    void aThreadWhoseAttachmentListsPassTheBoundIsStillAnnouncedWithinIt() {
        List<Map<String, String>> attachments = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            attachments.add(Map.of("filename", i + "-" + "f".repeat(900) + ".txt", "content", "eA=="));
        }
        String first = Mail.send(organization, sender, Map.of("to", receiver, "subject", "Many files", "text", "x",
                "attachments", attachments)).getString("message_id");
        String last = first;
        for (int i = 0; i < 11; i++) {
            last = organization.owner().body(Map.of("text", "more", "attachments", attachments))
                    .post(Mail.message(sender, first) + "/reply").then().statusCode(200).extract().path("message_id");
        }

        ConsumerRecord<String, String> record = received(receiver, last);
        assertTrue(record.value().getBytes(StandardCharsets.UTF_8).length <= 1_000_000,
                "at most 1,000,000 bytes: " + record.value().length());
        assertEquals(last, value(record).at("/message/message_id").textValue());
        assertEquals(12, value(record).at("/thread/message_count").intValue());
        assertTrue(value(record).at("/thread/attachments").isMissingNode(), "the thread's 1,200 files left out");
        attachments.add(Map.of("filename", "one-too-many.txt", "content", "eA=="));
        organization.owner().body(Map.of("to", receiver, "text", "x", "attachments", attachments))
                .post(Mail.send(sender)).then().statusCode(400).body("errors[0].field", equalTo("attachments"));
    }

    /** The official SDK's own types accept what we publish (and what the API answers), strictly. */
    @Test
    void theSdkAcceptsTheEventPayloadsAndTheApiAnswers() {
        SdkTypes.assumeInstalled();
        var sent = Mail.send(organization, sender, Map.of("to", List.of(receiver, "x@example.com"),
                "cc", "cc@example.com", "subject", "Report", "text", "See attached", "html", "<p>See attached</p>",
                "attachments", List.of(Map.of("filename", "a.txt", "content_type", "text/plain",
                        "content", Base64.getEncoder().encodeToString("hello".getBytes())))));
        String messageId = sent.getString("message_id");
        ConsumerRecord<String, String> receivedRecord = received(receiver, messageId);
        ConsumerRecord<String, String> sentRecord = TopicRecords.await(bootstrapServers, TOPIC, sender,
                value -> "message.sent".equals(value.path("event_type").textValue()));
        String threadId = value(receivedRecord).at("/message/thread_id").textValue();

        new SdkTypes()
                .add("events.MessageReceivedEvent", receivedRecord.value())
                .add("events.MessageSentEvent", sentRecord.value())
                .add("messages.SendMessageResponse", organization.owner().body(Map.of("to", "y@example.com"))
                        .post(Mail.send(sender)).asString())
                .add("messages.Message", organization.owner().get(Mail.message(receiver, messageId)).asString())
                .add("messages.Message", organization.owner().get(Mail.message(sender, messageId)).asString())
                .add("messages.ListMessagesResponse", organization.owner().get(Mail.messages(receiver)).asString())
                .add("threads.Thread", organization.owner().get("/v0/threads/" + threadId).asString())
                .add("threads.ListThreadsResponse", organization.owner().get("/v0/threads").asString())
                .add("messages.UpdateMessageResponse", organization.owner().body(Map.of("add_labels", "x"))
                        .patch(Mail.message(receiver, messageId)).asString())
                .add("threads.UpdateThreadResponse", organization.owner().body(Map.of("add_labels", List.of("y")))
                        .patch("/v0/threads/" + threadId).asString())
                .add("messages.BatchGetMessagesResponse", organization.owner()
                        .body(Map.of("message_ids", List.of(messageId))).post(Mail.messages(receiver) + "/batch-get")
                        .asString())
                .add("messages.BatchUpdateMessagesResponse", organization.owner()
                        .body(Map.of("message_ids", List.of(messageId), "add_labels", List.of("z")))
                        .post(Mail.messages(receiver) + "/batch-update").asString())
                .add("messages.RawMessageResponse", organization.owner()
                        .get(Mail.message(receiver, messageId) + "/raw").asString())
                .add("attachments.AttachmentResponse", organization.owner()
                        .get(Mail.message(receiver, messageId) + "/attachments/" + Mail.get(organization, receiver,
                                messageId).getString("attachments[0].attachment_id")).asString())
                .add("threads.ListThreadsResponse", organization.owner().get("/v0/pods/" + TestOrganization.DEFAULT_POD
                        + "/threads?include_trash=true&labels=%5B%22received%22%5D").asString())
                .assertAccepted();
    }

    private ConsumerRecord<String, String> received(String inboxId, String messageId) {
        return TopicRecords.await(bootstrapServers, TOPIC, inboxId,
                value -> "message.received".equals(value.path("event_type").textValue())
                        && messageId.equals(value.at("/message/message_id").textValue()));
    }

    private static List<String> toList(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(node -> values.add(node.textValue()));
        return values;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode value(ConsumerRecord<String, String> record) {
        return TopicRecords.json(record.value());
    }

    private static JsonNode json(String text) {
        return TopicRecords.json(text);
    }
}
