package dev.agentmail.thread.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.thread.TestOrganization;
import dev.agentmail.thread.message.Mail;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A send adds each new message to its thread's summary from the message alone (ThreadSummary.ADD_LATEST); the
 * summaries it leaves must be exactly what summarizing each thread from all its messages writes.
 */
@QuarkusTest
class ThreadSummaryTest {

    private static final String SUMMARY = """
            select thread_id, labels::text, last_message_at, received_at, sent_at, senders::text,
                   recipients::text, subject, preview, attachments::text, last_message_id, message_count, size
            from threads where organization_id = ? order by thread_id""";

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void summariesAddedToMessageByMessageAreThoseOfAllTheMessages() {
        TestOrganization organization = TestOrganization.fresh(issuer, database, bootstrapServers);
        String alice = organization.inboxInPod(TestOrganization.DEFAULT_POD, "alice", "Alice");
        String bob = organization.inboxInPod(TestOrganization.DEFAULT_POD, "bob", "Bob");
        String file = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        String first = Mail.send(organization, alice, Map.of("to", List.of(bob, "carol@example.com"),
                "cc", "dave@example.com", "subject", "Plans", "text", "Friday?", "labels", List.of("work"),
                "attachments", List.of(Map.of("filename", "a.bin", "content_type", "application/octet-stream", "content", file)))).getString("message_id");
        String answer = reply(organization, bob, first, Map.of("text", "Yes", "cc", List.of("erin@example.com",
                "bert@example.com"), "attachments", List.of(Map.of("filename", "b.bin", "content_type", "text/plain", "content", file))));
        reply(organization, alice, first, Map.of("text", "And Carol?", "reply_all", true));
        reply(organization, bob, answer, Map.of("text", "Also Dave", "bcc", "dave@example.com"));
        // Sent to itself: the sent copy is relabelled received, a change to a message the summary already counts.
        Mail.send(organization, alice, Map.of("to", alice, "subject", "Note to self", "text", "Buy milk"));

        List<Map<String, Object>> added = database.query(SUMMARY, organization.id());
        for (Map<String, Object> thread : added) {
            String threadId = (String) thread.get("thread_id");
            database.execute(ThreadSummary.REFRESH.replace("?1", "?"), threadId, threadId, threadId);
        }
        List<Map<String, Object>> summarized = database.query(SUMMARY, organization.id());

        assertEquals(summarized, added);
        assertTrue(added.stream().anyMatch(thread -> ((Number) thread.get("message_count")).intValue() >= 3
                && thread.get("attachments") != null), "a thread of several messages with attachments: " + added);
    }

    private static String reply(TestOrganization organization, String inboxId, String messageId, Map<String, ?> body) {
        return organization.owner().body(body).post(Mail.message(inboxId, messageId) + "/reply")
                .then().statusCode(200).extract().jsonPath().getString("message_id");
    }
}
