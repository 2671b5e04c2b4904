package dev.agentmail.thread.draft;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.thread.RawMail;
import dev.agentmail.thread.SdkTypes;
import dev.agentmail.thread.TestOrganization;
import dev.agentmail.thread.download.Downloads;
import dev.agentmail.thread.message.Mail;
import dev.agentmail.thread.mime.ParsedMail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drafts: create, read, list, change, delete, send by hand and at send_at. */
@QuarkusTest
class DraftsApiTest {

    private static final Duration PATIENCE = Duration.ofMinutes(1);

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DraftScheduler scheduler;

    private TestOrganization organization;
    private String inbox;
    private String receiver;

    @BeforeEach
    void twoInboxes() {
        organization = TestOrganization.fresh(issuer, database, bootstrapServers);
        inbox = organization.inboxInPod("pod_d", "writer", "Writer");
        receiver = organization.inboxInPod("pod_d", "reader", null);
    }

    @AfterEach
    void schedulerRuns() {
        scheduler.resume();
    }

    @Test
    void aNewDraftIsAnsweredWithItsFieldsAndTheDraftLabel() {
        organization.owner().body(Map.of("to", List.of("bob@example.com"), "subject", "Idea", "text", "What if",
                        "labels", List.of("ideas")))
                .post(drafts(inbox)).then().statusCode(200)
                .body("inbox_id", equalTo(inbox))
                .body("labels", equalTo(List.of("draft", "ideas")))
                .body("to", equalTo(List.of("bob@example.com")))
                .body("subject", equalTo("Idea"))
                .body("text", equalTo("What if"))
                .body("preview", equalTo("What if"))
                .body("send_status", equalTo(null));
    }

    @Test
    void aDraftIsReadAtInboxPodAndOrganizationLevel() {
        String draftId = create(Map.of("subject", "x"));

        organization.owner().get(drafts(inbox) + "/" + draftId).then().statusCode(200).body("draft_id", equalTo(draftId));
        organization.owner().get("/v0/pods/pod_d/drafts/" + draftId).then().statusCode(200);
        organization.owner().get("/v0/drafts/" + draftId).then().statusCode(200);
        organization.owner().get("/v0/pods/pod_other/drafts/" + draftId).then().statusCode(404);
    }

    @Test
    void draftsAreListedLatestFirst() {
        String first = create(Map.of("subject", "1"));
        String second = create(Map.of("subject", "2"));

        organization.owner().get(drafts(inbox)).then().statusCode(200)
                .body("count", equalTo(2)).body("drafts.draft_id", equalTo(List.of(second, first)));
        organization.owner().get("/v0/drafts").then().body("drafts.draft_id", equalTo(List.of(second, first)));
    }

    @Test
    void patchReplacesTheFieldsSentAndKeepsTheRest() {
        String draftId = create(Map.of("to", List.of("a@example.com"), "subject", "Old", "text", "Body"));

        organization.owner().body(Map.of("subject", "New", "add_labels", List.of("urgent")))
                .patch(drafts(inbox) + "/" + draftId).then().statusCode(200)
                .body("subject", equalTo("New"))
                .body("text", equalTo("Body"))
                .body("to", equalTo(List.of("a@example.com")))
                .body("labels", equalTo(List.of("draft", "urgent")));
    }

    @Test
    void deleteRemovesTheDraft() {
        String draftId = create(Map.of("subject", "x"));

        organization.owner().delete(drafts(inbox) + "/" + draftId).then().statusCode(204);
        organization.owner().get(drafts(inbox) + "/" + draftId).then().statusCode(404);
    }

    @Test
    void sendingADraftMakesAMessageAndTheDraftDisappears() {
        String draftId = create(Map.of("to", List.of(receiver), "subject", "Final", "text", "Done"));

        JsonPath sent = organization.owner().post(drafts(inbox) + "/" + draftId + "/send").then().statusCode(200)
                .extract().jsonPath();
        organization.owner().get(drafts(inbox) + "/" + draftId).then().statusCode(404);
        organization.owner().get(Mail.message(inbox, sent.getString("message_id"))).then().statusCode(200)
                .body("labels", equalTo(List.of("sent"))).body("subject", equalTo("Final"));
        organization.owner().get(Mail.message(receiver, sent.getString("message_id"))).then().statusCode(200)
                .body("labels", equalTo(List.of("received", "unread")));
    }

    @Test
    void aDraftsAttachmentsGoOutByteForByte() {
        byte[] file = {10, 20, 30, 40, (byte) 200};
        String draftId = create(Map.of("to", List.of(receiver), "text", "file", "attachments", List.of(Map.of(
                "filename", "f.bin", "content_type", "application/octet-stream",
                "content", Base64.getEncoder().encodeToString(file)))));

        String messageId = organization.owner().post(drafts(inbox) + "/" + draftId + "/send").then().statusCode(200)
                .extract().path("message_id");
        byte[] raw = RawMail.bytes(database, receiver, messageId);
        ParsedMail parsed = RawMail.parsed(database, receiver, messageId);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dev.agentmail.thread.mime.MimeReader.copyPart(new java.io.ByteArrayInputStream(raw),
                parsed.attachments().get(0).ordinal(), out);
        assertEquals("f.bin", parsed.attachments().get(0).filename());
        assertArrayEquals(file, out.toByteArray());
    }

    @Test
    void aDraftsAttachmentDownloadsAsGiven() {
        byte[] file = new byte[1536 * 1024];
        new java.util.Random(9).nextBytes(file);
        JsonPath draft = organization.owner().body(Map.of("subject", "file", "attachments", List.of(Map.of(
                        "filename", "data.bin", "content_type", "application/octet-stream",
                        "content", Base64.getEncoder().encodeToString(file)))))
                .post(drafts(inbox)).then().statusCode(200).extract().jsonPath();
        String attachmentId = draft.getString("attachments[0].attachment_id");

        String url = organization.owner().get("/v0/drafts/" + draft.getString("draft_id") + "/attachments/"
                        + attachmentId)
                .then().statusCode(200).body("size", equalTo(file.length)).extract().path("download_url");
        assertArrayEquals(file, Downloads.fetch(url, "application/octet-stream"));
    }

    @Test
    void patchAddsAnAttachmentAsGiven() {
        byte[] file = new byte[100_000];
        new java.util.Random(17).nextBytes(file);
        String draftId = create(Map.of("to", List.of("a@example.com")));

        String attachmentId = organization.owner().body(Map.of("add_attachments", List.of(Map.of(
                        "filename", "added.bin", "content", Base64.getEncoder().encodeToString(file)))))
                .patch(drafts(inbox) + "/" + draftId).then().statusCode(200)
                .body("attachments[0].size", equalTo(file.length)).extract().path("attachments[0].attachment_id");
        String url = organization.owner().get("/v0/drafts/" + draftId + "/attachments/" + attachmentId)
                .then().statusCode(200).extract().path("download_url");
        assertArrayEquals(file, Downloads.fetch(url, "application/octet-stream"));
    }

    @Test
    void patchWithAnAttachmentThatIsNotBase64IsRefusedNamingItsField() {
        String draftId = create(Map.of("to", List.of("a@example.com")));

        organization.owner().body(Map.of("add_attachments", List.of(Map.of("content", "%%%%"))))
                .patch(drafts(inbox) + "/" + draftId).then().statusCode(400)
                .body("errors[0].field", equalTo("attachments[0].content"));
    }

    @Test
    void aReplyDraftAddressesTheSenderAndJoinsTheThreadWhenSent() {
        String original = Mail.send(organization, receiver, Map.of("to", inbox, "subject", "Question", "text", "?"))
                .getString("message_id");
        JsonPath draft = organization.owner().body(Map.of("in_reply_to", original, "text", "Answer"))
                .post(drafts(inbox)).then().statusCode(200)
                .body("to", equalTo(List.of(receiver)))
                .body("subject", equalTo("Re: Question"))
                .body("in_reply_to", equalTo(original))
                .body("references", equalTo(List.of(original)))
                .extract().jsonPath();

        String reply = organization.owner().post(drafts(inbox) + "/" + draft.getString("draft_id") + "/send")
                .then().statusCode(200).extract().path("message_id");
        assertEquals(original, RawMail.parsed(database, inbox, reply).inReplyTo());
        assertEquals(Mail.get(organization, inbox, original).getString("thread_id"),
                Mail.get(organization, inbox, reply).getString("thread_id"));
    }

    @Test
    void aForwardDraftCarriesTheOriginal() {
        String original = Mail.send(organization, receiver, Map.of("to", inbox, "subject", "News", "text", "Big news"))
                .getString("message_id");
        String draftId = organization.owner().body(Map.of("forward_of", original, "to", List.of("x@example.com")))
                .post(drafts(inbox)).then().statusCode(200).body("subject", equalTo("Fwd: News"))
                .extract().path("draft_id");

        String sent = organization.owner().post(drafts(inbox) + "/" + draftId + "/send").then().statusCode(200)
                .extract().path("message_id");
        assertEquals(true, RawMail.parsed(database, inbox, sent).text().endsWith("Big news"));
    }

    @Test
    void aScheduledDraftIsSentAtItsTime() {
        Instant sendAt = Instant.now().plusSeconds(2);
        String draftId = organization.owner().body(Map.of("to", List.of(receiver), "subject", "Later", "text", "x",
                        "send_at", sendAt.toString()))
                .post(drafts(inbox)).then().statusCode(200)
                .body("send_status", equalTo("scheduled")).extract().path("draft_id");

        await("the scheduled draft to be sent").atMost(PATIENCE).until(() ->
                database.query("select 1 from drafts where draft_id = ?", draftId).isEmpty());
        List<Map<String, Object>> sent = database.query(
                "select sent_at from messages where inbox_id = ? and subject = 'Later'", inbox);
        assertEquals(1, sent.size());
        Instant at = ((java.sql.Timestamp) sent.get(0).get("sent_at")).toInstant();
        assertEquals(true, !at.isBefore(sendAt.minusMillis(1)), "sent at " + at + ", not before " + sendAt);
        organization.owner().get(Mail.messages(receiver)).then().body("messages[0].subject", equalTo("Later"));
    }

    /**
     * The schedule is only the drafts table: a draft that came due while no scheduler ran (the service was down)
     * is sent as soon as one runs again.
     */
    @Test
    void aDraftThatCameDueWhileNoSchedulerRanIsSentWhenOneRunsAgain() throws InterruptedException {
        scheduler.pause();
        String draftId = organization.owner().body(Map.of("to", List.of(receiver), "subject", "Overdue",
                        "send_at", Instant.now().plusMillis(200).toString()))
                .post(drafts(inbox)).then().statusCode(200).extract().path("draft_id");
        Thread.sleep(2500);
        assertEquals(1, database.query("select 1 from drafts where draft_id = ? and send_status = 'scheduled'",
                draftId).size(), "nothing sends while no scheduler runs");

        scheduler.resume();

        await("the overdue draft to be sent").atMost(PATIENCE).until(() ->
                database.query("select 1 from drafts where draft_id = ?", draftId).isEmpty());
        assertEquals(1, database.query("select 1 from messages where inbox_id = ? and subject = 'Overdue'", receiver)
                .size());
    }

    /** A PATCH that overlaps the scheduler's claim cannot put the draft back to "scheduled" (a second send). */
    @Test
    void aPatchThatMeetsTheSchedulersClaimInFlightFindsTheDraftBeingSent() throws Exception {
        String draftId = organization.owner().body(Map.of("to", List.of(receiver), "subject", "claimed",
                        "send_at", Instant.now().plus(Duration.ofHours(1)).toString()))
                .post("/v0/inboxes/" + inbox + "/drafts").then().statusCode(200).extract().path("draft_id");
        // The PATCH starts while the claim is uncommitted: it reads the draft as scheduled unless it waits. The pause
        // gives it time to reach the database; the outcome must not depend on it.
        CompletableFuture<Integer> patch = database.whileUncommitted(
                "update drafts set send_status = 'sending', updated_at = now() where draft_id = ?", List.of(draftId),
                () -> {
                    CompletableFuture<Integer> started = CompletableFuture.supplyAsync(() -> organization.owner()
                            .body(Map.of("subject", "changed")).patch("/v0/inboxes/" + inbox + "/drafts/" + draftId)
                            .statusCode());
                    Thread.sleep(500);
                    return started;
                });
        assertEquals(409, patch.get().intValue(), "the PATCH's answer");
        assertEquals(List.of(Map.of("send_status", "sending", "subject", "claimed")), database.query(
                "select send_status, subject from drafts where draft_id = ?", draftId));
    }

    /**
     * A scheduled send that fails for a reason of ours (here the database refuses to store the message) is not
     * given up: the draft stays claimed, and once the claim is taken up again (reclaim-after, 5 s in tests) it is
     * sent, once.
     */
    @Test
    void aScheduledSendTheDatabaseFailsIsSentWhenTakenUpAgain() throws InterruptedException {
        database.execute("""
                create or replace function refuse_flaky() returns trigger language plpgsql as $$
                begin raise exception 'no space left on device (test)'; end $$""");
        database.execute("create trigger refuse_flaky before insert on messages for each row"
                + " when (new.subject = 'Flaky') execute function refuse_flaky()");
        String draftId;
        try {
            draftId = create(Map.of("to", List.of(receiver), "subject", "Flaky",
                    "send_at", Instant.now().plusMillis(200).toString()));
            await("the scheduled send to be tried").atMost(PATIENCE).until(() -> !database.query(
                    "select 1 from drafts where draft_id = ? and send_status = 'sending'", draftId).isEmpty());
            Thread.sleep(1500);
            organization.owner().get(drafts(inbox) + "/" + draftId).then().statusCode(200)
                    .body("send_status", equalTo("sending"));
        } finally {
            database.execute("drop trigger refuse_flaky on messages");
            database.execute("drop function refuse_flaky()");
        }

        await("the draft to be sent once taken up again").atMost(PATIENCE).until(() ->
                database.query("select 1 from drafts where draft_id = ?", draftId).isEmpty());
        assertEquals(1, database.query("select 1 from messages where inbox_id = ? and subject = 'Flaky'", receiver)
                .size());
        assertEquals(1, database.query("select 1 from messages where inbox_id = ? and subject = 'Flaky'", inbox)
                .size());
    }

    @Test
    void clearingSendAtUnschedules() {
        String draftId = create(Map.of("to", List.of(receiver), "send_at", Instant.now().plusSeconds(3600).toString()));

        organization.owner().body("{\"send_at\": null}").patch(drafts(inbox) + "/" + draftId).then().statusCode(200)
                .body("send_status", equalTo(null)).body("send_at", equalTo(null));
    }

    @Test
    void aClientIdReplayAnswersTheSameDraft() {
        String first = create(Map.of("client_id", "draft-7", "subject", "a"));

        assertEquals(first, create(Map.of("client_id", "draft-7", "subject", "b")));
    }

    @Test
    void aBadSendAtIsAValidationError() {
        organization.owner().body(Map.of("send_at", "tomorrow")).post(drafts(inbox)).then().statusCode(400)
                .body("errors[0].field", equalTo("send_at"));
    }

    @Test
    void anInboxKeyDoesNotSeeAnotherInboxsDrafts() {
        String draftId = create(Map.of("subject", "x"));

        organization.inboxKey("pod_d", receiver).get(drafts(inbox) + "/" + draftId).then().statusCode(404);
        organization.inboxKey("pod_d", receiver).get("/v0/drafts/" + draftId).then().statusCode(404);
        organization.inboxKey("pod_d", receiver).get("/v0/drafts").then().statusCode(403);
    }

    @Test
    void draftPermissionsAreChecked() {
        organization.ownerWith(List.of("draft_read")).body(Map.of()).post(drafts(inbox)).then().statusCode(403);
        String draftId = create(Map.of("to", List.of("a@example.com")));
        organization.ownerWith(List.of("draft_read")).post(drafts(inbox) + "/" + draftId + "/send")
                .then().statusCode(403);
    }

    @Test
    void theSdkAcceptsDrafts() {
        SdkTypes.assumeInstalled();
        String draftId = create(Map.of("to", List.of("a@example.com"), "subject", "s", "text", "t",
                "send_at", Instant.now().plusSeconds(3600).toString(), "attachments", List.of(Map.of("filename", "a",
                        "content", Base64.getEncoder().encodeToString(new byte[] {1})))));
        new SdkTypes()
                .add("drafts.Draft", organization.owner().get(drafts(inbox) + "/" + draftId).asString())
                .add("drafts.ListDraftsResponse", organization.owner().get(drafts(inbox)).asString())
                .assertAccepted();
    }

    @Test
    void aDraftHoldsNoMoreRecipientsThanASendTakes() {
        List<String> many = IntStream.range(0, 51).mapToObj(i -> "r" + i + "@example.com").toList();
        organization.owner().body(Map.of("cc", many)).post(drafts(inbox)).then().statusCode(400)
                .body("message", containsString("At most 50 recipients"));
        String draftId = create(Map.of("to", "bob@example.com"));
        organization.owner().body(Map.of("reply_to", many)).patch(drafts(inbox) + "/" + draftId).then()
                .statusCode(400).body("errors[0].field", equalTo("reply_to"));
    }

    private String create(Map<String, ?> body) {
        return organization.owner().body(body).post(drafts(inbox)).then().statusCode(200).extract().path("draft_id");
    }

    private static String drafts(String inboxId) {
        return "/v0/inboxes/" + inboxId + "/drafts";
    }
}
