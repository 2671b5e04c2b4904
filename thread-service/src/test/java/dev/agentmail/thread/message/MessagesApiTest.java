package dev.agentmail.thread.message;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.thread.RawMail;
import dev.agentmail.thread.TestOrganization;
import dev.agentmail.thread.download.DownloadLink;
import dev.agentmail.thread.download.Downloads;
import dev.agentmail.thread.mime.MimeReader;
import dev.agentmail.thread.mime.ParsedMail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An inbox's messages: list and its filters, get, raw, attachments, labels, delete and the batches. */
@QuarkusTest
class MessagesApiTest {

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "agentmail.thread.downloads.secret")
    String downloadsSecret;

    private TestOrganization organization;
    private String inbox;
    private String receiver;

    @BeforeEach
    void twoInboxes() {
        organization = TestOrganization.fresh(issuer, database, bootstrapServers);
        inbox = organization.inboxInPod(TestOrganization.DEFAULT_POD, "agent", "Agent");
        receiver = organization.inbox("receiver");
    }

    @Test
    void theListShowsMessagesNewestFirstWithoutBodies() {
        String first = send(Map.of("to", "a@example.com", "text", "one"));
        String second = send(Map.of("to", "b@example.com", "text", "two"));

        organization.owner().get(Mail.messages(inbox)).then().statusCode(200)
                .body("count", equalTo(2))
                .body("limit", equalTo(10))
                .body("messages.message_id", equalTo(List.of(second, first)))
                .body("messages[0].preview", equalTo("two"))
                .body("messages[0].text", equalTo(null));
    }

    @Test
    void ascendingListsOldestFirst() {
        String first = send(Map.of("to", "a@example.com", "text", "one"));
        String second = send(Map.of("to", "b@example.com", "text", "two"));

        organization.owner().get(Mail.messages(inbox) + "?ascending=true").then()
                .body("messages.message_id", equalTo(List.of(first, second)));
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(0, send(Map.of("to", "p@example.com", "text", "m" + i)));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            var request = organization.owner().queryParam("limit", 2);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            JsonPath page = request.get(Mail.messages(inbox)).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("messages.message_id"));
            token = page.getString("next_page_token");
        } while (token != null);

        assertEquals(sent, seen);
    }

    @Test
    void labelsFilterAcceptsTheSdksJsonArrayAndRepeatedParameters() {
        String tagged = send(Map.of("to", "a@example.com", "text", "x", "labels", List.of("blue", "green")));
        send(Map.of("to", "a@example.com", "text", "y", "labels", List.of("blue")));

        organization.owner().queryParam("labels", "[\"blue\",\"green\"]").get(Mail.messages(inbox)).then()
                .body("messages.message_id", equalTo(List.of(tagged)));
        organization.owner().queryParam("labels", "blue", "green").get(Mail.messages(inbox)).then()
                .body("messages.message_id", equalTo(List.of(tagged)));
    }

    @Test
    void beforeAndAfterBoundTheTime() {
        String first = send(Map.of("to", "a@example.com", "text", "x"));
        Instant between = Instant.parse(Mail.get(organization, inbox, first).getString("timestamp")).plusNanos(1000);
        String second = send(Map.of("to", "a@example.com", "text", "y"));

        organization.owner().queryParam("before", between.toString()).get(Mail.messages(inbox)).then()
                .body("messages.message_id", equalTo(List.of(first)));
        organization.owner().queryParam("after", between.toString()).get(Mail.messages(inbox)).then()
                .body("messages.message_id", equalTo(List.of(second)));
    }

    @Test
    void aBadDateIsAValidationError() {
        organization.owner().queryParam("before", "yesterday").get(Mail.messages(inbox)).then().statusCode(400)
                .body("errors[0].field", equalTo("before"));
    }

    @Test
    void aMalformedListParameterIsAValidationErrorNamingIt() {
        organization.owner().queryParam("limit", "abc").get(Mail.messages(inbox)).then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        organization.owner().queryParam("include_spam", "maybe").get(Mail.messages(inbox)).then().statusCode(400)
                .body("errors[0].field", equalTo("include_spam"));
        organization.owner().queryParam("ascending", "yes").get("/v0/threads").then().statusCode(400)
                .body("errors[0].field", equalTo("ascending"));
        organization.owner().queryParam("limit", "1.5").get("/v0/drafts").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        organization.owner().queryParam("include_trash", "true").queryParam("ascending", "false")
                .get(Mail.messages(inbox)).then().statusCode(200);
    }

    @Test
    void aSendWhoseBodyIsNotJsonOrHoldsANulIsAValidationErrorAndStoresNothing() {
        organization.owner().body("to: a@example.com").post(Mail.send(inbox)).then().statusCode(400)
                .body("name", equalTo("ValidationError")).body("message", containsString("not valid JSON"));
        organization.owner().body("{\"to\": \"a@example.com\", \"text\": \"a\\u0000b\"}").post(Mail.send(inbox))
                .then().statusCode(400).body("name", equalTo("ValidationError"))
                .body("message", containsString("NUL"));
        organization.owner().urlEncodingEnabled(false).get(Mail.messages(inbox) + "/%00").then().statusCode(400)
                .body("name", equalTo("ValidationError"));
        organization.owner().get(Mail.messages(inbox)).then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void aLimitOutOfRangeIsAValidationError() {
        organization.owner().queryParam("limit", 0).get(Mail.messages(inbox)).then().statusCode(400);
        organization.owner().queryParam("limit", 101).get(Mail.messages(inbox)).then().statusCode(400);
    }

    @Test
    void theRawMessageDownloadsAsStoredAndParses() {
        String messageId = send(Map.of("to", List.of("Bob <bob@example.com>"), "cc", "carol@example.com",
                "subject", "Raw", "text", "plain", "html", "<b>rich</b>"));

        JsonPath raw = organization.owner().get(Mail.message(inbox, messageId) + "/raw").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(messageId, raw.getString("message_id"));
        assertTrue(Instant.parse(raw.getString("expires_at")).isAfter(Instant.now()));
        byte[] downloaded = Downloads.fetch(raw.getString("download_url"), "message/rfc822");
        assertEquals(raw.getLong("size"), downloaded.length);
        assertArrayEquals(RawMail.bytes(database, inbox, messageId), downloaded);
        ParsedMail parsed = MimeReader.parse(new ByteArrayInputStream(downloaded));
        assertEquals(messageId, parsed.messageId());
        assertEquals("Agent <" + inbox + ">", parsed.from());
        assertEquals(List.of("Bob <bob@example.com>"), parsed.to());
        assertEquals(List.of("carol@example.com"), parsed.cc());
        assertEquals("plain", parsed.text());
        assertEquals("<b>rich</b>", parsed.html());
    }

    @Test
    void aRawMessageLargerThanAChunkStreamsWhole() {
        byte[] large = new byte[3 * 1024 * 1024 + 17];
        new Random(3).nextBytes(large);
        String messageId = send(Map.of("to", "a@example.com", "text", "big", "attachments", List.of(
                Map.of("filename", "big.bin", "content", Base64.getEncoder().encodeToString(large)))));

        String url = organization.owner().get(Mail.message(inbox, messageId) + "/raw").then().statusCode(200)
                .extract().path("download_url");
        assertArrayEquals(RawMail.bytes(database, inbox, messageId), Downloads.fetch(url, "message/rfc822"));
    }

    @Test
    void anAttachmentSpanningManyChunksDecodesWhole() {
        byte[] large = new byte[5 * 1024 * 1024 + 3];
        new Random(5).nextBytes(large);
        String messageId = send(Map.of("to", receiver, "text", "big", "attachments", List.of(
                Map.of("filename", "big.bin", "content", Base64.getEncoder().encodeToString(large)))));
        String attachmentId = Mail.get(organization, receiver, messageId).getString("attachments[0].attachment_id");

        String url = organization.owner().get(Mail.message(receiver, messageId) + "/attachments/" + attachmentId)
                .then().statusCode(200).extract().path("download_url");
        assertArrayEquals(large, Downloads.fetch(url, "application/octet-stream"));
    }

    @Test
    void attachmentsRoundTripByteForByteInTheReceivingInbox() {
        byte[] pdf = new byte[200_000];
        new Random(11).nextBytes(pdf);
        String messageId = send(Map.of("to", receiver, "text", "see attached", "attachments", List.of(
                Map.of("filename", "Q3 Übersicht.pdf", "content_type", "application/pdf",
                        "content", Base64.getEncoder().encodeToString(pdf)))));

        JsonPath received = Mail.get(organization, receiver, messageId);
        assertEquals("Q3 Übersicht.pdf", received.getString("attachments[0].filename"));
        assertEquals("application/pdf", received.getString("attachments[0].content_type"));
        assertEquals("attachment", received.getString("attachments[0].content_disposition"));
        assertEquals(pdf.length, received.getInt("attachments[0].size"));
        JsonPath attachment = organization.owner()
                .get(Mail.message(receiver, messageId) + "/attachments/" + received.getString("attachments[0].attachment_id"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(pdf.length, attachment.getInt("size"));
        assertArrayEquals(pdf, Downloads.fetch(attachment.getString("download_url"), "application/pdf"));
    }

    @Test
    void anAttachmentByUrlIsFetchedAndSent() throws IOException {
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        // 127.0.0.2: the one loopback address the tests open to attachment URLs (application.properties).
        HttpServer files = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        files.createContext("/logo.png", exchange -> {
            exchange.sendResponseHeaders(200, image.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(image);
            }
        });
        files.start();
        try {
            String url = "http://127.0.0.2:" + files.getAddress().getPort() + "/logo.png";
            String messageId = send(Map.of("to", "a@example.com", "text", "logo", "attachments", List.of(
                    Map.of("filename", "logo.png", "content_type", "image/png", "url", url))));

            JsonPath sent = Mail.get(organization, inbox, messageId);
            String attachmentId = sent.getString("attachments[0].attachment_id");
            String link = organization.owner().get(Mail.message(inbox, messageId) + "/attachments/" + attachmentId)
                    .then().statusCode(200).extract().path("download_url");
            assertArrayEquals(image, Downloads.fetch(link, "image/png"));
        } finally {
            files.stop(0);
        }
    }

    @Test
    void anAttachmentOfAThreadDownloadsToo() {
        String messageId = send(Map.of("to", receiver, "text", "x", "attachments", List.of(
                Map.of("filename", "a.txt", "content_type", "text/plain",
                        "content", Base64.getEncoder().encodeToString("hello".getBytes())))));
        JsonPath received = Mail.get(organization, receiver, messageId);

        String url = organization.owner().get("/v0/threads/" + received.getString("thread_id") + "/attachments/"
                        + received.getString("attachments[0].attachment_id"))
                .then().statusCode(200).body("filename", equalTo("a.txt")).extract().path("download_url");
        assertArrayEquals("hello".getBytes(), Downloads.fetch(url, "text/plain"));
    }

    @Test
    void attachmentFieldsThatWouldBreakItsHeadersAreRefusedNamingThem() {
        for (Map.Entry<String, String> bad : List.of(Map.entry("content_type", "text/plain\r\nBcc: x@example.com"),
                Map.entry("content_type", "not a type"), Map.entry("content_id", "a\nb"),
                Map.entry("filename", "a\r\nContent-Type: text/html"))) {
            organization.owner().body(Map.of("to", "a@example.com", "attachments", List.of(
                            Map.of("content", "aGk=", bad.getKey(), bad.getValue()))))
                    .post(Mail.send(inbox)).then().statusCode(400)
                    .body("errors[0].field", equalTo("attachments[0]." + bad.getKey()));
        }
        send(Map.of("to", "a@example.com", "attachments", List.of(Map.of("content", "aGk=",
                "content_type", "text/plain; charset=utf-8", "filename", "a b.txt"))));
    }

    @Test
    void anAttachmentWithBothContentAndUrlIsRefused() {
        organization.owner().body(Map.of("to", "a@example.com", "attachments", List.of(
                        Map.of("content", "aGk=", "url", "http://127.0.0.1/x"))))
                .post(Mail.send(inbox)).then().statusCode(400).body("errors[0].field", equalTo("attachments[0]"));
    }

    @Test
    void anAttachmentThatIsNotBase64IsRefused() {
        organization.owner().body(Map.of("to", "a@example.com", "attachments", List.of(Map.of("content", "%%%"))))
                .post(Mail.send(inbox)).then().statusCode(400);
    }

    @Test
    void anAttachmentThatIsNotBase64IsRefusedNamingItsField() {
        organization.owner().body(Map.of("to", "a@example.com", "attachments", List.of(
                        Map.of("content", "aGk="), Map.of("content", "aGk=!!!!"))))
                .post(Mail.send(inbox)).then().statusCode(400).body("name", equalTo("ValidationError"))
                .body("errors[0].field", equalTo("attachments[1].content"));
    }

    @Test
    void base64WrappedInLinesIsDecoded() {
        byte[] file = new byte[1000];
        new Random(13).nextBytes(file);
        String messageId = send(Map.of("to", receiver, "text", "wrapped", "attachments", List.of(
                Map.of("filename", "f.bin", "content", Base64.getMimeEncoder().encodeToString(file)))));

        assertArrayEquals(file, attachmentOf(receiver, messageId));
    }

    /**
     * 18 MiB, the most whose raw message stays within the 25 MiB limit, is 25 million characters of base64: beyond the
     * 20 million Jackson allows in one string, so it is sent only because the content is decoded as it is read.
     */
    @Test
    void anAttachmentLongerAsBase64ThanJacksonsLargestStringGoesOutByteForByte() {
        assertEquals(StreamReadConstraints.DEFAULT_MAX_STRING_LEN,
                json.getFactory().streamReadConstraints().getMaxStringLength());
        byte[] large = new byte[18 * 1024 * 1024];
        new Random(24).nextBytes(large);
        String messageId = send(Map.of("to", receiver, "text", "large", "attachments", List.of(
                Map.of("filename", "large.bin", "content", Base64.getEncoder().encodeToString(large)))));

        assertArrayEquals(large, attachmentOf(receiver, messageId));
    }

    @Test
    void aMessageBeyondTheSizeLimitIs413() {
        byte[] huge = new byte[26 * 1024 * 1024];
        organization.owner().body(Map.of("to", "a@example.com", "attachments", List.of(
                        Map.of("filename", "huge.bin", "content", Base64.getEncoder().encodeToString(huge)))))
                .post(Mail.send(inbox)).then().statusCode(413).body("name", equalTo("PayloadTooLargeError"));
    }

    @Test
    void aForgedOrAlteredDownloadLinkIsNotFound() {
        String messageId = send(Map.of("to", "a@example.com", "text", "x"));
        String url = organization.owner().get(Mail.message(inbox, messageId) + "/raw").then().extract()
                .path("download_url");
        String path = Downloads.path(url);

        given().get(path.substring(0, path.length() - 3) + "AAA").then().statusCode(404)
                .contentType("application/json").body("name", equalTo("NotFoundError"));
    }

    @Test
    void anExpiredDownloadLinkIsNotFoundInTheErrorFormat() {
        String messageId = send(Map.of("to", "a@example.com", "text", "x"));
        String token = new DownloadLink(inbox, messageId, null, Instant.now().minusSeconds(1))
                .sign(downloadsSecret.getBytes(StandardCharsets.UTF_8));

        given().get("/downloads/" + token).then().statusCode(404)
                .contentType("application/json")
                .body("name", equalTo("NotFoundError"))
                .body("message", equalTo("Download link (it may have expired) not found."));
    }

    @Test
    void aDownloadSaysItsTypeFileNameAndLength() {
        byte[] pdf = "%PDF-1.7 a report".getBytes(StandardCharsets.US_ASCII);
        String messageId = send(Map.of("to", receiver, "text", "see attached", "attachments", List.of(
                Map.of("filename", "Q3 Übersicht.pdf", "content_type", "application/pdf",
                        "content", Base64.getEncoder().encodeToString(pdf)))));

        given().urlEncodingEnabled(false).get(Downloads.path(attachmentUrl(receiver, messageId))).then()
                .statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename*=UTF-8''Q3%20%C3%9Cbersicht.pdf")
                .header("Content-Length", String.valueOf(pdf.length));
    }

    @Test
    void anHtmlAttachmentIsServedSoThatABrowserCannotRunItOnTheApisOrigin() {
        String html = "<script>fetch('/v0/inboxes')</script>";
        String messageId = send(Map.of("to", receiver, "text", "x", "attachments", List.of(
                Map.of("filename", "page.html", "content_type", "text/html", "content_disposition", "inline",
                        "content", Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8))))));

        given().urlEncodingEnabled(false).get(Downloads.path(attachmentUrl(receiver, messageId))).then()
                .statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'");
    }

    @Test
    void headOfADownloadAnswersItsHeadersWithoutTheBytes() {
        String messageId = send(Map.of("to", "a@example.com", "text", "x"));
        JsonPath raw = organization.owner().get(Mail.message(inbox, messageId) + "/raw").then().statusCode(200)
                .extract().jsonPath();

        byte[] body = given().urlEncodingEnabled(false).head(Downloads.path(raw.getString("download_url")))
                .then().statusCode(200)
                .contentType("message/rfc822")
                .header("Content-Disposition", "attachment; filename=\"message.eml\"")
                .header("Content-Length", raw.getString("size"))
                .extract().asByteArray();
        assertEquals(0, body.length);
    }

    @Test
    void patchAddsAndRemovesLabels() {
        String messageId = delivered("x");

        organization.owner().body(Map.of("add_labels", List.of("starred"), "remove_labels", "unread"))
                .patch(Mail.message(receiver, messageId)).then().statusCode(200)
                .body("message_id", equalTo(messageId))
                .body("labels", equalTo(List.of("received", "starred")));
    }

    @Test
    void aLabelChangeThatMeetsAnotherInFlightKeepsBoth() throws Exception {
        String messageId = delivered("x");
        String threadId = Mail.get(organization, receiver, messageId).getString("thread_id");
        Map<String, String> patches = Map.of(Mail.message(receiver, messageId), "by-message",
                "/v0/inboxes/" + receiver + "/threads/" + threadId, "by-thread");
        for (Map.Entry<String, String> patch : patches.entrySet()) {
            String other = "other-" + patch.getValue();
            // The PATCH starts while another change of the message's labels is uncommitted: it adds to what it read,
            // which is that change's result only if it waits for it. The pause gives it time to reach the database.
            CompletableFuture<Integer> status = database.whileUncommitted(
                    "update messages set labels = labels || jsonb_build_array(?) where inbox_id = ? and message_id = ?",
                    List.of(other, receiver, messageId), () -> {
                        CompletableFuture<Integer> started = CompletableFuture.supplyAsync(() -> organization.owner()
                                .body(Map.of("add_labels", List.of(patch.getValue()))).patch(patch.getKey())
                                .then().extract().statusCode());
                        Thread.sleep(500);
                        return started;
                    });
            assertEquals(200, status.get().intValue(), patch.getKey());
            List<String> labels = Mail.get(organization, receiver, messageId).getList("labels");
            assertTrue(labels.contains(other) && labels.contains(patch.getValue()), patch.getKey() + ": " + labels);
        }
    }

    @Test
    void patchLabelsChangeTheThreadsLabels() {
        String messageId = delivered("x");
        organization.owner().body(Map.of("remove_labels", List.of("unread"))).patch(Mail.message(receiver, messageId))
                .then().statusCode(200);

        organization.owner().get("/v0/inboxes/" + receiver + "/threads").then()
                .body("threads[0].labels", equalTo(List.of("received")));
    }

    @Test
    void systemLabelsCannotBeAddedOrRemoved() {
        String messageId = delivered("x");

        organization.owner().body(Map.of("remove_labels", List.of("received"))).patch(Mail.message(receiver, messageId))
                .then().statusCode(400).body("errors[0].field", equalTo("remove_labels"));
        organization.owner().body(Map.of("add_labels", List.of("sent"))).patch(Mail.message(receiver, messageId))
                .then().statusCode(400).body("errors[0].field", equalTo("add_labels"));
    }

    @Test
    void trashedMessagesAreHiddenFromTheListUnlessIncluded() {
        String messageId = delivered("x");
        organization.owner().body(Map.of("add_labels", "trash")).patch(Mail.message(receiver, messageId))
                .then().statusCode(200);

        organization.owner().get(Mail.messages(receiver)).then().body("count", equalTo(0));
        organization.owner().get(Mail.messages(receiver) + "?include_trash=true").then()
                .body("messages.message_id", equalTo(List.of(messageId)));
    }

    @Test
    void aKeyWithoutLabelTrashReadNeverSeesTrash() {
        String messageId = delivered("x");
        organization.owner().body(Map.of("add_labels", "trash")).patch(Mail.message(receiver, messageId))
                .then().statusCode(200);

        organization.ownerWith(List.of("message_read")).get(Mail.messages(receiver) + "?include_trash=true")
                .then().body("count", equalTo(0));
        organization.ownerWith(List.of("message_read")).get(Mail.message(receiver, messageId)).then().statusCode(404);
    }

    @Test
    void deleteRemovesTheMessageAndItsThreadWhenItWasTheLast() {
        String messageId = delivered("x");
        String threadId = Mail.get(organization, receiver, messageId).getString("thread_id");

        organization.owner().delete(Mail.message(receiver, messageId)).then().statusCode(204);
        organization.owner().get(Mail.message(receiver, messageId)).then().statusCode(404);
        organization.owner().get("/v0/threads/" + threadId).then().statusCode(404);
        assertEquals(0, database.query("select 1 from raw_messages where inbox_id = ?", receiver).size());
    }

    @Test
    void deletingOneMessageOfAThreadKeepsTheRestAndItsSummary() {
        String first = delivered("first");
        String reply = organization.owner().body(Map.of("text", "second"))
                .post(Mail.message(receiver, first) + "/reply").then().statusCode(200).extract().path("message_id");
        String threadId = Mail.get(organization, receiver, first).getString("thread_id");

        organization.owner().delete(Mail.message(receiver, reply)).then().statusCode(204);
        organization.owner().get("/v0/threads/" + threadId).then().statusCode(200)
                .body("message_count", equalTo(1))
                .body("last_message_id", equalTo(first))
                .body("labels", equalTo(List.of("received", "unread")));
    }

    @Test
    void batchGetAnswersTheMessagesAskedForInOrder() {
        String first = send(Map.of("to", "a@example.com", "text", "1"));
        String second = send(Map.of("to", "a@example.com", "text", "2"));

        organization.owner().body(Map.of("message_ids", List.of(second, "<missing@x>", first)))
                .post(Mail.messages(inbox) + "/batch-get").then().statusCode(200)
                .body("count", equalTo(2))
                .body("messages.message_id", equalTo(List.of(second, first)))
                .body("messages.text", equalTo(List.of("2", "1")));
    }

    @Test
    void batchUpdateRelabelsEachMessage() {
        String first = delivered("1");
        String second = delivered("2");

        organization.owner().body(Map.of("message_ids", List.of(first, second), "remove_labels", List.of("unread")))
                .post(Mail.messages(receiver) + "/batch-update").then().statusCode(200)
                .body("count", equalTo(2))
                .body("updates.labels", equalTo(List.of(List.of("received"), List.of("received"))));
        organization.owner().queryParam("labels", "[\"unread\"]").get(Mail.messages(receiver)).then()
                .body("count", equalTo(0));
    }

    @Test
    void batchesNeedMessageIds() {
        organization.owner().body(Map.of("message_ids", List.of())).post(Mail.messages(inbox) + "/batch-get")
                .then().statusCode(400).body("errors[0].field", equalTo("message_ids"));
    }

    @Test
    void readingNeedsMessageReadAndChangingMessageUpdateAndDeleting() {
        String messageId = delivered("x");

        organization.ownerWith(List.of("message_send")).get(Mail.messages(receiver)).then().statusCode(403);
        organization.ownerWith(List.of("message_read")).body(Map.of("add_labels", "x"))
                .patch(Mail.message(receiver, messageId)).then().statusCode(403);
        organization.ownerWith(List.of("message_read")).delete(Mail.message(receiver, messageId))
                .then().statusCode(403);
    }

    @Test
    void inboxKeyCannotReadAnotherInboxsMessages() {
        String messageId = delivered("x");

        organization.inboxKey(TestOrganization.DEFAULT_POD, inbox).get(Mail.messages(receiver)).then().statusCode(404);
        organization.inboxKey(TestOrganization.DEFAULT_POD, inbox).get(Mail.message(receiver, messageId))
                .then().statusCode(404);
        organization.inboxKey(TestOrganization.DEFAULT_POD, receiver).get(Mail.message(receiver, messageId))
                .then().statusCode(200);
    }

    @Test
    void aMessageIdWithoutAngleBracketsNamesTheSameMessage() {
        String messageId = send(Map.of("to", "a@example.com", "text", "x"));

        organization.owner().get(Mail.messages(inbox) + "/" + messageId.substring(1, messageId.length() - 1))
                .then().statusCode(200).body("message_id", equalTo(messageId));
    }

    private String send(Map<String, ?> body) {
        return Mail.send(organization, inbox, body).getString("message_id");
    }

    /** A message the receiving inbox got from ours. */
    private String delivered(String text) {
        return Mail.send(organization, inbox, Map.of("to", receiver, "text", text)).getString("message_id");
    }

    /** The first attachment of a message, downloaded. */
    private byte[] attachmentOf(String inboxId, String messageId) {
        return Downloads.fetch(attachmentUrl(inboxId, messageId), "application/octet-stream");
    }

    /** The download_url of a message's first attachment. */
    private String attachmentUrl(String inboxId, String messageId) {
        String attachmentId = Mail.get(organization, inboxId, messageId).getString("attachments[0].attachment_id");
        return organization.owner().get(Mail.message(inboxId, messageId) + "/attachments/" + attachmentId)
                .then().statusCode(200).extract().path("download_url");
    }
}
