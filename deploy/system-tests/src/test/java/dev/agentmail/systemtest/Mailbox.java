package dev.agentmail.systemtest;

import static dev.agentmail.systemtest.Api.as;
import static dev.agentmail.systemtest.Api.encoded;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One inbox's mail as its organization's key makes it through the gateway: a sent message with an attachment (its
 * thread holds it too) and a draft with an attachment. Recipients are outside the suite, so nothing arrives
 * anywhere else.
 */
public record Mailbox(String key, String inboxId) {

    /** A sent message, its thread and its attachment. */
    public record Sent(String messageId, String threadId, String attachmentId) {
    }

    /** A draft and its attachment. */
    public record Draft(String draftId, String attachmentId) {
    }

    private static final List<Map<String, String>> ATTACHMENT = List.of(Map.of(
            "filename", "note.txt", "content_type", "text/plain",
            "content", Base64.getEncoder().encodeToString("attached".getBytes(StandardCharsets.UTF_8))));

    /** A message with an attachment, sent with no pause after the inbox was made. */
    public Sent send() {
        Response sent = as(key).body(Map.of("to", List.of("someone@example.com"), "subject",
                        "matrix " + Tenant.unique(), "text", "hello", "attachments", ATTACHMENT))
                .post(inbox() + "/messages/send");
        JsonPath answer = sent.then().statusCode(200).extract().jsonPath();
        String messageId = answer.getString("message_id");
        String attachmentId = as(key).get(inbox() + "/messages/" + encoded(messageId))
                .then().statusCode(200).extract().path("attachments[0].attachment_id");
        return new Sent(messageId, answer.getString("thread_id"), attachmentId);
    }

    public Draft draft() {
        JsonPath created = as(key).body(Map.of("to", List.of("someone@example.com"), "subject", "draft", "text",
                        "later", "attachments", ATTACHMENT))
                .post(inbox() + "/drafts").then().statusCode(200).extract().jsonPath();
        return new Draft(created.getString("draft_id"), created.getString("attachments[0].attachment_id"));
    }

    private String inbox() {
        return "/v0/inboxes/" + encoded(inboxId);
    }
}
