package dev.agentmail.systemtest;

import static dev.agentmail.systemtest.Api.anonymous;
import static dev.agentmail.systemtest.Api.as;
import static dev.agentmail.systemtest.Api.encoded;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Raw messages and attachments fetched from their download_url through the gateway, as a client fetches them: byte
 * for byte, with their type, file name and length. One message, sent from one of our inboxes to another, carries a
 * small attachment and the largest one a message can (18 MiB: as base64 it fills the 25 MiB limit of a raw message);
 * a draft carries a 20 MB one, which a draft holds decoded.
 */
@ExtendWith(SystemSuite.class)
class DownloadsTest {

    private static final byte[] SMALL = "a small attachment\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LARGE = random(18 * 1024 * 1024, 18);
    private static final byte[] DRAFTED = random(20_000_000, 20);

    private static String key;
    private static String receiver;
    private static String message;
    private static JsonPath received;

    @BeforeAll
    static void aMessageWithTwoAttachmentsArrives() {
        Tenant owner = Tenant.bootstrap();
        key = owner.key();
        String pod = owner.createPod();
        String sender = owner.createInbox(pod);
        receiver = owner.createInbox(pod);
        message = as(key).body(Map.of("to", List.of(receiver), "subject", "downloads", "text", "two files",
                        "attachments", List.of(attachment("small.txt", "text/plain", SMALL),
                                attachment("large.bin", "application/octet-stream", LARGE))))
                .post(inbox(sender) + "/messages/send").then().statusCode(200).extract().path("message_id");
        received = as(key).get(message(receiver)).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theRawMessageDownloadsWithItsSizeAndType() {
        JsonPath raw = as(key).get(message(receiver) + "/raw").then().statusCode(200).extract().jsonPath();

        Response download = download(raw.getString("download_url"));
        assertHeaders(download, "message/rfc822", "attachment; filename=\"message.eml\"");
        byte[] bytes = download.asByteArray();
        assertEquals(raw.getLong("size"), bytes.length);
        assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).contains("Subject: downloads\r\n"));
    }

    @Test
    void aSmallAttachmentDownloadsByteForByte() {
        Response download = download(attachmentUrl(0));

        assertHeaders(download, "text/plain", "attachment; filename*=UTF-8''small.txt");
        assertArrayEquals(SMALL, download.asByteArray());
    }

    @Test
    void anAttachmentOf18MiBDownloadsByteForByte() {
        Response download = download(attachmentUrl(1));

        assertHeaders(download, "application/octet-stream", "attachment; filename*=UTF-8''large.bin");
        assertArrayEquals(LARGE, download.asByteArray());
    }

    @Test
    void aDraftsAttachmentOf20MBDownloadsByteForByte() {
        JsonPath draft = as(key).body(Map.of("to", List.of("someone@example.com"), "subject", "large draft",
                        "attachments", List.of(attachment("drafted.bin", "application/octet-stream", DRAFTED))))
                .post(inbox(receiver) + "/drafts").then().statusCode(200).extract().jsonPath();
        String url = as(key).get(inbox(receiver) + "/drafts/" + draft.getString("draft_id") + "/attachments/"
                        + draft.getString("attachments[0].attachment_id"))
                .then().statusCode(200).body("size", equalTo(DRAFTED.length)).extract().path("download_url");

        Response download = download(url);
        assertHeaders(download, "application/octet-stream", "attachment; filename*=UTF-8''drafted.bin");
        assertArrayEquals(DRAFTED, download.asByteArray());
    }

    @Test
    void headOfADownloadTellsItsTypeNameAndLengthWithoutTheBytes() {
        String url = attachmentUrl(1);

        anonymous().head(url).then().statusCode(200)
                .contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename*=UTF-8''large.bin")
                .header("Content-Length", String.valueOf(LARGE.length))
                .header("Transfer-Encoding", nullValue());
    }

    @Test
    void anAlteredDownloadLinkIsNotFoundInTheErrorFormat() {
        String url = attachmentUrl(0);

        anonymous().get(url.substring(0, url.length() - 3) + "AAA").then().statusCode(404)
                .contentType("application/json")
                .body("name", equalTo("NotFoundError"));
    }

    /** A download_url, fetched as given: it must lead to this suite's gateway. */
    private static Response download(String url) {
        assertEquals(URI.create(SystemSuite.suite().gateway()).getAuthority(), URI.create(url).getAuthority(), url);
        Response response = anonymous().get(url);
        assertEquals(200, response.statusCode(), () -> response.asString());
        return response;
    }

    /** What the gateway needs to have passed on for a client to know what it got: a fixed length, not chunks. */
    private static void assertHeaders(Response download, String contentType, String disposition) {
        assertEquals(contentType, download.contentType());
        assertEquals(disposition, download.header("Content-Disposition"));
        assertEquals(String.valueOf(download.asByteArray().length), download.header("Content-Length"));
        assertNull(download.header("Transfer-Encoding"));
    }

    private static String attachmentUrl(int index) {
        return as(key).get(message(receiver) + "/attachments/"
                        + received.getString("attachments[" + index + "].attachment_id"))
                .then().statusCode(200).extract().path("download_url");
    }

    private static Map<String, String> attachment(String filename, String contentType, byte[] content) {
        return Map.of("filename", filename, "content_type", contentType,
                "content", Base64.getEncoder().encodeToString(content));
    }

    private static String inbox(String inboxId) {
        return "/v0/inboxes/" + encoded(inboxId);
    }

    private static String message(String inboxId) {
        return inbox(inboxId) + "/messages/" + encoded(message);
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
