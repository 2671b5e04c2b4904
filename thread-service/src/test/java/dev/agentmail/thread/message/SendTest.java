package dev.agentmail.thread.message;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.thread.TestOrganization;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v0/inboxes/{inbox_id}/messages/send: to addresses outside and to our own inboxes. */
@QuarkusTest
class SendTest {

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private TestOrganization organization;
    private String sender;

    @BeforeEach
    void anInbox() {
        organization = TestOrganization.fresh(issuer, database, bootstrapServers);
        sender = organization.inboxInPod(TestOrganization.DEFAULT_POD, "sender", "Agent Sender");
    }

    @Test
    void sendAnswersTheMessageIdOnOurDomainAndAThreadId() {
        organization.owner().body(Map.of("to", "bob@example.com", "subject", "Hi", "text", "Hello"))
                .post(Mail.send(sender))
                .then().statusCode(200)
                .body("message_id", matchesPattern("<[0-9a-f-]{36}@agentmail\\.local>"))
                .body("thread_id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void theSentMessageIsLabelledSentWithTheRequestsFields() {
        JsonPath sent = Mail.send(organization, sender, Map.of("to", List.of("Bob <bob@example.com>"),
                "cc", "carol@example.com", "bcc", List.of("dave@example.com"), "reply_to", "replies@example.com",
                "subject", "Quarterly", "text", "Numbers attached", "html", "<p>Numbers attached</p>",
                "labels", List.of("finance")));

        organization.owner().get(Mail.message(sender, sent.getString("message_id")))
                .then().statusCode(200)
                .body("inbox_id", equalTo(sender))
                .body("thread_id", equalTo(sent.getString("thread_id")))
                .body("labels", equalTo(List.of("finance", "sent")))
                .body("from", equalTo("Agent Sender <" + sender + ">"))
                .body("to", equalTo(List.of("Bob <bob@example.com>")))
                .body("cc", equalTo(List.of("carol@example.com")))
                .body("bcc", equalTo(List.of("dave@example.com")))
                .body("reply_to", equalTo(List.of("replies@example.com")))
                .body("subject", equalTo("Quarterly"))
                .body("text", equalTo("Numbers attached"))
                .body("html", equalTo("<p>Numbers attached</p>"))
                .body("preview", equalTo("Numbers attached"));
    }

    @Test
    void externalRecipientsWaitInTheOutgoingQueue() {
        String messageId = Mail.send(organization, sender, Map.of("to", "bob@example.com", "cc", "carol@example.com",
                "bcc", "dave@example.com", "text", "x")).getString("message_id");

        assertEquals(List.of("bob@example.com", "carol@example.com", "dave@example.com"),
                database.query("select recipient from outgoing_queue where message_id = ? and status = 'queued'"
                        + " order by recipient", messageId).stream().map(row -> row.get("recipient")).toList());
    }

    @Test
    void aRecipientThatIsOurInboxReceivesItUnread() {
        String receiver = organization.inbox("receiver");
        JsonPath sent = Mail.send(organization, sender, Map.of("to", receiver, "subject", "Ping", "text", "pong?"));

        organization.owner().get(Mail.message(receiver, sent.getString("message_id")))
                .then().statusCode(200)
                .body("inbox_id", equalTo(receiver))
                .body("labels", equalTo(List.of("received", "unread")))
                .body("from", equalTo("Agent Sender <" + sender + ">"))
                .body("to", equalTo(List.of(receiver)))
                .body("subject", equalTo("Ping"))
                .body("text", equalTo("pong?"))
                .body("thread_id", not(equalTo(sent.getString("thread_id"))));
        assertEquals(0, database.query("select 1 from outgoing_queue where message_id = ?",
                sent.getString("message_id")).size(), "our own inbox is not queued for SMTP");
    }

    @Test
    void anInboxInAnotherOrganizationReceivesToo() {
        TestOrganization other = TestOrganization.fresh(issuer, database, bootstrapServers);
        String receiver = other.inbox("elsewhere");
        String messageId = Mail.send(organization, sender, Map.of("to", receiver, "text", "hello neighbour"))
                .getString("message_id");

        other.owner().get(Mail.message(receiver, messageId)).then().statusCode(200)
                .body("labels", equalTo(List.of("received", "unread")));
        organization.owner().get(Mail.message(receiver, messageId)).then().statusCode(404);
    }

    @Test
    void aBlindCopyRecipientDoesNotSeeTheBccList() {
        String receiver = organization.inbox("blind");
        String messageId = Mail.send(organization, sender, Map.of("to", "bob@example.com", "bcc", receiver,
                "text", "psst")).getString("message_id");

        organization.owner().get(Mail.message(receiver, messageId)).then().statusCode(200)
                .body("labels", equalTo(List.of("received", "unread")))
                .body("bcc", equalTo(null));
    }

    @Test
    void sendingToItselfIsOneMessageBothSentAndReceived() {
        String messageId = Mail.send(organization, sender, Map.of("to", sender, "text", "note to self"))
                .getString("message_id");

        organization.owner().get(Mail.message(sender, messageId)).then().statusCode(200)
                .body("labels", equalTo(List.of("received", "sent", "unread")));
    }

    @Test
    void noRecipientIsRefused() {
        organization.owner().body(Map.of("subject", "to nobody", "text", "x")).post(Mail.send(sender))
                .then().statusCode(400).body("name", equalTo("ValidationError"));
    }

    @Test
    void moreRecipientsOrReplyToAddressesThanASendTakesAreRefused() {
        List<String> many = IntStream.range(0, 51).mapToObj(i -> "r" + i + "@example.com").toList();
        organization.owner().body(Map.of("to", "bob@example.com", "cc", many)).post(Mail.send(sender))
                .then().statusCode(400).body("message", containsString("At most 50 recipients"));
        organization.owner().body(Map.of("to", "bob@example.com", "reply_to", many)).post(Mail.send(sender))
                .then().statusCode(400).body("errors[0].field", equalTo("reply_to"));
    }

    @Test
    void anAddressThatDoesNotParseIsRefusedNamingTheField() {
        organization.owner().body(Map.of("to", "bob@example.com", "cc", List.of("not an address")))
                .post(Mail.send(sender))
                .then().statusCode(400).body("name", equalTo("ValidationError")).body("errors[0].field", equalTo("cc"));
    }

    @Test
    void aToOfTheWrongTypeIsRefused() {
        organization.owner().body(Map.of("to", 42)).post(Mail.send(sender))
                .then().statusCode(400).body("name", equalTo("ValidationError"));
    }

    @Test
    void aSystemLabelCannotBeSetOnSend() {
        organization.owner().body(Map.of("to", "bob@example.com", "labels", List.of("received")))
                .post(Mail.send(sender))
                .then().statusCode(400).body("errors[0].field", equalTo("labels"));
    }

    @Test
    void aStructuralHeaderCannotBeOverridden() {
        organization.owner().body(Map.of("to", "bob@example.com", "headers", Map.of("Message-ID", "<x@y>")))
                .post(Mail.send(sender))
                .then().statusCode(400).body("errors[0].field", equalTo("headers.Message-ID"));
    }

    @Test
    void anUnknownInboxIsNotFound() {
        organization.owner().body(Map.of("to", "bob@example.com"))
                .post(Mail.send(TestOrganization.address("nobody")))
                .then().statusCode(404).body("name", equalTo("NotFoundError"));
    }

    @Test
    void anotherOrganizationsInboxIsNotFound() {
        TestOrganization.fresh(issuer, database, bootstrapServers).owner().body(Map.of("to", "bob@example.com"))
                .post(Mail.send(sender))
                .then().statusCode(404);
    }

    @Test
    void aKeyWithoutMessageSendIsForbidden() {
        organization.ownerWith(List.of("message_read")).body(Map.of("to", "bob@example.com"))
                .post(Mail.send(sender))
                .then().statusCode(403).body("name", equalTo("ForbiddenError"));
    }

    @Test
    void anInboxKeySendsFromItsInboxOnly() {
        String other = organization.inbox("other");
        organization.inboxKey(TestOrganization.DEFAULT_POD, sender).body(Map.of("to", "bob@example.com"))
                .post(Mail.send(sender)).then().statusCode(200);
        organization.inboxKey(TestOrganization.DEFAULT_POD, sender).body(Map.of("to", "bob@example.com"))
                .post(Mail.send(other)).then().statusCode(404);
    }

    @Test
    void theInboxIdInThePathIsCaseInsensitive() {
        organization.owner().body(Map.of("to", "bob@example.com")).post(Mail.send(sender.toUpperCase()))
                .then().statusCode(200);
    }
}
