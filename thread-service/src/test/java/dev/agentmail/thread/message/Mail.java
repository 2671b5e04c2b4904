package dev.agentmail.thread.message;

import dev.agentmail.thread.TestOrganization;
import io.restassured.path.json.JsonPath;
import java.util.Map;

/** Paths and requests of the messages API, for tests. */
public final class Mail {

    private Mail() {
    }

    public static String messages(String inboxId) {
        return "/v0/inboxes/" + inboxId + "/messages";
    }

    public static String send(String inboxId) {
        return messages(inboxId) + "/send";
    }

    /** A message's path; RestAssured URL-encodes the Message-ID's angle brackets, as the SDK does. */
    public static String message(String inboxId, String messageId) {
        return messages(inboxId) + "/" + messageId;
    }

    /** Sends as the organization's owner; answers {message_id, thread_id}. */
    public static JsonPath send(TestOrganization organization, String inboxId, Map<String, ?> body) {
        return organization.owner().body(body).post(send(inboxId)).then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath get(TestOrganization organization, String inboxId, String messageId) {
        return organization.owner().get(message(inboxId, messageId)).then().statusCode(200).extract().jsonPath();
    }
}
