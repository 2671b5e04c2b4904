package dev.agentmail.systemtest;

import static dev.agentmail.systemtest.Api.as;
import static dev.agentmail.systemtest.Api.encoded;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A key's permission whitelist holds at the gateway: present means only the flags set true. */
@ExtendWith(SystemSuite.class)
class PermissionWhitelistTest {

    private static Tenant owner;
    private static String pod;

    @BeforeAll
    static void organization() {
        owner = Tenant.bootstrap();
        pod = owner.createPod();
    }

    @Test
    void keyWithoutInboxCreateCannotCreateAnInbox() {
        Tenant.Key readOnly = owner.createKey("/v0/api-keys",
                Map.of("name", "read only", "permissions", Map.of("inbox_read", true)));
        as(readOnly.secret()).get("/v0/inboxes").then().statusCode(200);
        as(readOnly.secret()).body(Map.of()).post("/v0/inboxes").then().statusCode(403)
                .body("name", is("ForbiddenError"))
                .body("message", containsString("inbox_create"));
        as(readOnly.secret()).body(Map.of()).post("/v0/pods/" + pod + "/inboxes").then().statusCode(403);
    }

    @Test
    void podKeyWithoutInboxCreateCannotCreateInItsPod() {
        Tenant.Key podReader = owner.createKey("/v0/pods/" + pod + "/api-keys",
                Map.of("name", "pod reader", "permissions", Map.of("inbox_read", true, "pod_read", true)));
        as(podReader.secret()).get("/v0/pods/" + pod + "/inboxes").then().statusCode(200);
        as(podReader.secret()).body(Map.of()).post("/v0/pods/" + pod + "/inboxes").then().statusCode(403);
    }

    @Test
    void inboxKeyWithoutMessageSendCannotSend() {
        String inbox = owner.createInbox(pod);
        Tenant.Key reader = owner.createInboxKey(inbox,
                Map.of("name", "inbox reader", "permissions", Map.of("inbox_read", true, "message_read", true)));
        as(reader.secret()).get("/v0/inboxes/" + encoded(inbox)).then().statusCode(200);
        as(reader.secret()).body(Map.of("to", "someone@example.com"))
                .post("/v0/inboxes/" + encoded(inbox) + "/messages/send").then().statusCode(403)
                .body("message", containsString("message_send"));
    }

    @Test
    void narrowedWhitelistHoldsAtTheGatewayOnceChanged() {
        Tenant.Key key = owner.createKey("/v0/api-keys",
                Map.of("name", "narrowed", "permissions", Map.of("inbox_read", true, "inbox_create", true)));
        as(key.secret()).body(Map.of()).post("/v0/inboxes").then().statusCode(200);
        as(owner.key()).body(Map.of("permissions", Map.of("inbox_read", true)))
                .patch("/v0/api-keys/" + key.id()).then().statusCode(200);
        await("the narrowed key refused inbox_create").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> as(key.secret()).body(Map.of()).post("/v0/inboxes").statusCode() == 403);
    }
}
