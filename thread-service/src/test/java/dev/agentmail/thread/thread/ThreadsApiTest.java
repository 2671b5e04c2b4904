package dev.agentmail.thread.thread;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.thread.TestOrganization;
import dev.agentmail.thread.message.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Threads: their fields, their lists at inbox, pod and organization level, get, labels and delete, and scope. */
@QuarkusTest
class ThreadsApiTest {

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private TestOrganization organization;
    private String alice;
    private String bob;

    @BeforeEach
    void twoInboxesInTwoPods() {
        organization = TestOrganization.fresh(issuer, database, bootstrapServers);
        alice = organization.inboxInPod("pod_a", "alice", "Alice");
        bob = organization.inboxInPod("pod_b", "bob", "Bob");
    }

    @Test
    void aThreadSummarizesItsMessages() {
        JsonPath first = Mail.send(organization, alice, Map.of("to", bob, "subject", "Plan", "text", "Step one"));
        String reply = reply(bob, first.getString("message_id"), "Step two, with a much longer answer");
        String bobsThread = Mail.get(organization, bob, reply).getString("thread_id");

        JsonPath thread = organization.owner().get("/v0/inboxes/" + bob + "/threads/" + bobsThread)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(bob, thread.getString("inbox_id"));
        assertEquals(List.of("received", "sent", "unread"), thread.getList("labels"));
        assertEquals(List.of("Alice <" + alice + ">", "Bob <" + bob + ">"), thread.getList("senders"));
        assertEquals(List.of(bob, "Alice <" + alice + ">"), thread.getList("recipients"));
        assertEquals("Plan", thread.getString("subject"));
        assertEquals("Step two, with a much longer answer", thread.getString("preview"));
        assertEquals(reply, thread.getString("last_message_id"));
        assertEquals(2, thread.getInt("message_count"));
        assertEquals(2, thread.getInt("count"));
        assertEquals(thread.getString("timestamp"), thread.getString("sent_timestamp"));
        assertEquals(thread.getList("messages.size").stream().mapToLong(s -> ((Number) s).longValue()).sum(),
                thread.getLong("size"));
    }

    @Test
    void getListsTheMessagesOldestFirst() {
        String first = Mail.send(organization, alice, Map.of("to", bob, "text", "1")).getString("message_id");
        String second = reply(bob, first, "2");
        String third = reply(bob, second, "3");
        String thread = Mail.get(organization, bob, third).getString("thread_id");

        organization.owner().get("/v0/inboxes/" + bob + "/threads/" + thread).then().statusCode(200)
                .body("messages.message_id", equalTo(List.of(first, second, third)))
                .body("messages.text", equalTo(List.of("1", "2", "3")));
    }

    @Test
    void anInboxListsItsOwnThreadsLatestFirst() {
        String older = Mail.send(organization, alice, Map.of("to", "x@example.com", "text", "a")).getString("thread_id");
        String newer = Mail.send(organization, alice, Map.of("to", "y@example.com", "text", "b")).getString("thread_id");

        organization.owner().get("/v0/inboxes/" + alice + "/threads").then().statusCode(200)
                .body("count", equalTo(2))
                .body("threads.thread_id", equalTo(List.of(newer, older)));
    }

    @Test
    void aPodListsThreadsOfItsInboxesOnly() {
        String alicesThread = Mail.send(organization, alice, Map.of("to", bob, "text", "a")).getString("thread_id");

        organization.owner().get("/v0/pods/pod_a/threads").then().statusCode(200)
                .body("threads.thread_id", equalTo(List.of(alicesThread)));
        organization.owner().get("/v0/pods/pod_b/threads").then().statusCode(200)
                .body("threads.inbox_id", equalTo(List.of(bob)));
    }

    @Test
    void theOrganizationListsEveryThread() {
        Mail.send(organization, alice, Map.of("to", bob, "text", "a"));

        organization.owner().get("/v0/threads").then().statusCode(200)
                .body("count", equalTo(2))
                .body("threads.inbox_id", org.hamcrest.Matchers.containsInAnyOrder(bob, alice));
    }

    @Test
    void threadsArePaginatedWithoutGapsOrRepeats() {
        for (int i = 0; i < 5; i++) {
            Mail.send(organization, alice, Map.of("to", "p" + i + "@example.com", "text", "m" + i));
        }
        JsonPath first = organization.owner().get("/v0/inboxes/" + alice + "/threads?limit=2")
                .then().statusCode(200).extract().jsonPath();
        JsonPath second = organization.owner().queryParam("page_token", first.getString("next_page_token"))
                .get("/v0/inboxes/" + alice + "/threads?limit=2").then().statusCode(200).extract().jsonPath();
        JsonPath third = organization.owner().queryParam("page_token", second.getString("next_page_token"))
                .get("/v0/inboxes/" + alice + "/threads?limit=2").then().statusCode(200).extract().jsonPath();

        assertEquals(2, first.getInt("count"));
        assertEquals(2, second.getInt("count"));
        assertEquals(1, third.getInt("count"));
        assertEquals(null, third.getString("next_page_token"));
        List<String> all = new java.util.ArrayList<>(first.getList("threads.preview"));
        all.addAll(second.getList("threads.preview"));
        all.addAll(third.getList("threads.preview"));
        assertEquals(List.of("m4", "m3", "m2", "m1", "m0"), all);
    }

    @Test
    void patchLabelsChangesEveryMessageOfTheThread() {
        String message = Mail.send(organization, alice, Map.of("to", bob, "text", "a")).getString("message_id");
        String thread = Mail.get(organization, bob, message).getString("thread_id");

        organization.owner().body(Map.of("add_labels", List.of("important"), "remove_labels", List.of("unread")))
                .patch("/v0/inboxes/" + bob + "/threads/" + thread).then().statusCode(200)
                .body("thread_id", equalTo(thread))
                .body("labels", equalTo(List.of("important", "received")));
        organization.owner().get(Mail.message(bob, message)).then()
                .body("labels", equalTo(List.of("important", "received")));
    }

    @Test
    void aSystemLabelOfAThreadCannotBeRemoved() {
        String thread = Mail.send(organization, alice, Map.of("to", "x@example.com", "text", "a")).getString("thread_id");

        organization.owner().body(Map.of("remove_labels", List.of("sent")))
                .patch("/v0/inboxes/" + alice + "/threads/" + thread).then().statusCode(400)
                .body("name", equalTo("ValidationError"));
    }

    @Test
    void aTrashedThreadIsHiddenUnlessIncluded() {
        String thread = Mail.send(organization, alice, Map.of("to", "x@example.com", "text", "a")).getString("thread_id");
        organization.owner().body(Map.of("add_labels", List.of("trash")))
                .patch("/v0/threads/" + thread).then().statusCode(200)
                .body("labels", equalTo(List.of("sent", "trash")));

        organization.owner().get("/v0/inboxes/" + alice + "/threads").then().body("count", equalTo(0));
        organization.owner().get("/v0/inboxes/" + alice + "/threads?include_trash=true").then()
                .body("threads.thread_id", equalTo(List.of(thread)));
    }

    @Test
    void deleteRemovesTheThreadAndItsMessages() {
        JsonPath sent = Mail.send(organization, alice, Map.of("to", "x@example.com", "text", "a"));

        organization.owner().delete("/v0/inboxes/" + alice + "/threads/" + sent.getString("thread_id"))
                .then().statusCode(204);
        organization.owner().get("/v0/threads/" + sent.getString("thread_id")).then().statusCode(404);
        organization.owner().get(Mail.message(alice, sent.getString("message_id"))).then().statusCode(404);
        assertEquals(0, database.query("select 1 from raw_messages where message_id = ?",
                sent.getString("message_id")).size());
    }

    @Test
    void aThreadOfAnotherInboxIsNotFoundUnderThisInbox() {
        String thread = Mail.send(organization, alice, Map.of("to", "x@example.com", "text", "a")).getString("thread_id");

        organization.owner().get("/v0/inboxes/" + bob + "/threads/" + thread).then().statusCode(404);
        organization.owner().get("/v0/pods/pod_b/threads/" + thread).then().statusCode(404);
    }

    @Test
    void inboxKeyCannotListOtherInboxThreads() {
        String thread = Mail.send(organization, alice, Map.of("to", "x@example.com", "text", "a")).getString("thread_id");

        organization.inboxKey("pod_b", bob).get("/v0/inboxes/" + alice + "/threads").then().statusCode(404);
        organization.inboxKey("pod_b", bob).get("/v0/threads/" + thread).then().statusCode(404);
        organization.inboxKey("pod_b", bob).get("/v0/inboxes/" + bob + "/threads").then().statusCode(200)
                .body("threads.thread_id", not(hasItem(thread)));
    }

    @Test
    void podKeySeesItsPodOnly() {
        String thread = Mail.send(organization, alice, Map.of("to", "x@example.com", "text", "a")).getString("thread_id");

        organization.podKey("pod_a").get("/v0/pods/pod_a/threads").then().statusCode(200)
                .body("threads.thread_id", equalTo(List.of(thread)));
        organization.podKey("pod_b").get("/v0/pods/pod_a/threads").then().statusCode(404);
        organization.podKey("pod_b").get("/v0/threads/" + thread).then().statusCode(404);
    }

    @Test
    void scopedKeysAreForbiddenTheOrganizationsList() {
        organization.podKey("pod_a").get("/v0/threads").then().statusCode(403).body("name", equalTo("ForbiddenError"));
        organization.inboxKey("pod_a", alice).get("/v0/threads").then().statusCode(403);
    }

    @Test
    void anotherOrganizationDoesNotSeeTheThread() {
        String thread = Mail.send(organization, alice, Map.of("to", "x@example.com", "text", "a")).getString("thread_id");
        TestOrganization stranger = TestOrganization.fresh(issuer, database, bootstrapServers);

        stranger.owner().get("/v0/threads/" + thread).then().statusCode(404);
        stranger.owner().get("/v0/threads").then().statusCode(200).body("count", equalTo(0));
        stranger.owner().delete("/v0/threads/" + thread).then().statusCode(404);
    }

    @Test
    void aBadPageTokenIsAValidationError() {
        organization.owner().get("/v0/inboxes/" + alice + "/threads?page_token=garbage").then().statusCode(400)
                .body("name", equalTo("ValidationError"));
    }

    @Test
    void aFilterOfTooManyOrTooLongLabelsIsAValidationError() {
        List<String> many = IntStream.range(0, 101).mapToObj(i -> "l" + i).toList();
        organization.owner().queryParam("labels", many).get("/v0/inboxes/" + alice + "/threads").then()
                .statusCode(400).body("errors[0].field", equalTo("labels"))
                .body("message", containsString("at most 100"));
        organization.owner().queryParam("labels", "x".repeat(257)).get("/v0/threads").then()
                .statusCode(400).body("errors[0].field", equalTo("labels"));
    }

    private String reply(String inboxId, String messageId, String text) {
        return organization.owner().body(Map.of("text", text)).post(Mail.message(inboxId, messageId) + "/reply")
                .then().statusCode(200).extract().path("message_id");
    }
}
