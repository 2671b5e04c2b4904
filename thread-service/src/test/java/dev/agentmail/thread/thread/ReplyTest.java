package dev.agentmail.thread.thread;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.thread.RawMail;
import dev.agentmail.thread.TestOrganization;
import dev.agentmail.thread.message.Mail;
import dev.agentmail.thread.mime.ParsedMail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reply, reply-all and forward: the new message joins the original's thread in each inbox that holds it, with
 * In-Reply-To and References as a mail client would write them (checked in the raw message).
 */
@QuarkusTest
class ReplyTest {

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private TestOrganization organization;
    private String alice;
    private String bob;
    private String original;

    /** Alice writes to Bob (our inbox) and to carol@example.com, copying dave@example.com. */
    @BeforeEach
    void aConversation() {
        organization = TestOrganization.fresh(issuer, database, bootstrapServers);
        alice = organization.inboxInPod(TestOrganization.DEFAULT_POD, "alice", "Alice");
        bob = organization.inboxInPod(TestOrganization.DEFAULT_POD, "bob", "Bob");
        original = Mail.send(organization, alice, Map.of("to", List.of(bob, "carol@example.com"),
                "cc", "dave@example.com", "subject", "Lunch?", "text", "Noon?")).getString("message_id");
    }

    @Test
    void aReplyCarriesInReplyToAndReferencesNamingTheOriginal() {
        String reply = reply(bob, original, Map.of("text", "Yes")).getString("message_id");

        ParsedMail raw = RawMail.parsed(database, bob, reply);
        assertEquals(original, raw.inReplyTo());
        assertEquals(List.of(original), raw.references());
        assertEquals("Re: Lunch?", raw.subject());
        assertEquals("Bob <" + bob + ">", raw.from());
    }

    @Test
    void aReplyGoesToTheOriginalSender() {
        String reply = reply(bob, original, Map.of("text", "Yes")).getString("message_id");

        assertEquals(List.of("Alice <" + alice + ">"), RawMail.parsed(database, bob, reply).to());
        assertEquals(List.of(), RawMail.parsed(database, bob, reply).cc());
    }

    @Test
    void aReplyJoinsTheOriginalsThreadInTheReplyingInbox() {
        String bobsThread = Mail.get(organization, bob, original).getString("thread_id");

        assertEquals(bobsThread, reply(bob, original, Map.of("text", "Yes")).getString("thread_id"));
    }

    @Test
    void aReplyJoinsTheOriginalsThreadInTheInboxItGoesTo() {
        String alicesThread = Mail.get(organization, alice, original).getString("thread_id");
        String reply = reply(bob, original, Map.of("text", "Yes")).getString("message_id");

        organization.owner().get(Mail.message(alice, reply)).then().statusCode(200)
                .body("thread_id", equalTo(alicesThread))
                .body("labels", equalTo(List.of("received", "unread")))
                .body("in_reply_to", equalTo(original))
                .body("references", equalTo(List.of(original)));
    }

    @Test
    void aReplyToAReplyReferencesTheWholeChainAndKeepsOneRe() {
        String first = reply(bob, original, Map.of("text", "Yes")).getString("message_id");
        String second = reply(alice, first, Map.of("text", "Great")).getString("message_id");

        ParsedMail raw = RawMail.parsed(database, alice, second);
        assertEquals(first, raw.inReplyTo());
        assertEquals(List.of(original, first), raw.references());
        assertEquals("Re: Lunch?", raw.subject());
        assertEquals(Mail.get(organization, alice, original).getString("thread_id"),
                Mail.get(organization, alice, second).getString("thread_id"));
    }

    @Test
    void replyAllAddsTheOtherRecipientsButNotTheReplyingInbox() {
        String reply = organization.owner().body(Map.of("text", "Count me in"))
                .post(Mail.message(bob, original) + "/reply-all").then().statusCode(200)
                .extract().path("message_id");

        ParsedMail raw = RawMail.parsed(database, bob, reply);
        assertEquals(List.of("Alice <" + alice + ">", "carol@example.com"), raw.to());
        assertEquals(List.of("dave@example.com"), raw.cc());
        assertEquals(original, raw.inReplyTo());
    }

    @Test
    void replyWithReplyAllTrueIsReplyAll() {
        String reply = reply(bob, original, Map.of("text", "x", "reply_all", true)).getString("message_id");

        assertEquals(List.of("dave@example.com"), RawMail.parsed(database, bob, reply).cc());
    }

    @Test
    void aReplyToOurOwnSentMessageGoesToItsRecipients() {
        String followUp = reply(alice, original, Map.of("text", "Anyone?")).getString("message_id");

        assertEquals(List.of("Bob <" + bob + ">", "carol@example.com").size(),
                RawMail.parsed(database, alice, followUp).to().size());
    }

    @Test
    void aReplyToAMessageThatDoesNotExistIsNotFound() {
        organization.owner().body(Map.of("text", "x"))
                .post(Mail.message(bob, "<missing@agentmail.local>") + "/reply")
                .then().statusCode(404).body("name", equalTo("NotFoundError"));
    }

    @Test
    void aForwardCarriesTheOriginalTextAndAttachmentsToNewRecipients() {
        byte[] file = {0, 1, 2, (byte) 255};
        String withFile = Mail.send(organization, alice, Map.of("to", bob, "subject", "Report", "text", "See file",
                "attachments", List.of(Map.of("filename", "r.bin", "content_type", "application/octet-stream",
                        "content", Base64.getEncoder().encodeToString(file))))).getString("message_id");
        JsonPath forwarded = organization.owner().body(Map.of("to", "erin@example.com", "text", "FYI"))
                .post(Mail.message(bob, withFile) + "/forward").then().statusCode(200).extract().jsonPath();

        ParsedMail raw = RawMail.parsed(database, bob, forwarded.getString("message_id"));
        assertEquals("Fwd: Report", raw.subject());
        assertEquals(List.of("erin@example.com"), raw.to());
        assertTrue(raw.text().startsWith("FYI\n\n---------- Forwarded message ---------\n"), raw.text());
        assertTrue(raw.text().endsWith("See file"), raw.text());
        assertEquals(1, raw.attachments().size());
        assertEquals("r.bin", raw.attachments().get(0).filename());
        assertEquals(file.length, raw.attachments().get(0).size());
        assertNull(raw.inReplyTo());
        assertEquals(List.of(withFile), raw.references());
        assertEquals(Mail.get(organization, bob, withFile).getString("thread_id"), forwarded.getString("thread_id"));
    }

    @Test
    void repliesCrossingEachOtherAtTheSameMomentAllGoThrough() {
        for (int round = 0; round < 10; round++) {
            var fromAlice = java.util.concurrent.CompletableFuture.supplyAsync(() -> organization.owner()
                    .body(Map.of("text", "a")).post(Mail.message(alice, original) + "/reply").statusCode());
            var fromBob = java.util.concurrent.CompletableFuture.supplyAsync(() -> organization.owner()
                    .body(Map.of("text", "b")).post(Mail.message(bob, original) + "/reply").statusCode());
            assertEquals(List.of(200, 200), List.of(fromAlice.join(), fromBob.join()), "round " + round);
        }
        String alicesThread = Mail.get(organization, alice, original).getString("thread_id");
        organization.owner().get("/v0/inboxes/" + alice + "/threads/" + alicesThread).then()
                .body("message_count", equalTo(21));
    }

    private JsonPath reply(String inboxId, String messageId, Map<String, ?> body) {
        return organization.owner().body(body).post(Mail.message(inboxId, messageId) + "/reply")
                .then().statusCode(200).extract().jsonPath();
    }
}
