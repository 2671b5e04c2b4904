package dev.agentmail.systemtest;

import static dev.agentmail.systemtest.Api.as;
import static dev.agentmail.systemtest.Api.encoded;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A draft scheduled with send_at is sent at that time even when thread-service is down then: the schedule is in its
 * database, and the restarted service sends what fell due meanwhile.
 */
@ExtendWith(SystemSuite.class)
class ScheduledSendTest {

    private static final Duration DUE_IN = Duration.ofSeconds(5);

    @Test
    void draftDueWhileThreadServiceIsDownIsSentAfterItsRestart() throws InterruptedException {
        Tenant owner = Tenant.bootstrap();
        String inbox = owner.createInbox(owner.createPod());
        new Mailbox(owner.key(), inbox).send();
        String drafts = "/v0/inboxes/" + encoded(inbox) + "/drafts";
        String subject = "scheduled " + Tenant.unique();
        Instant sendAt = Instant.now().plus(DUE_IN);
        String draftId = as(owner.key()).body(Map.of("to", List.of("someone@example.com"), "subject", subject,
                        "text", "sent while nobody watched", "send_at", sendAt.toString()))
                .post(drafts).then().statusCode(200).body("send_status", equalTo("scheduled"))
                .extract().path("draft_id");

        SystemSuite.suite().suite().restart("thread-service", DUE_IN.plusSeconds(2));
        assertTrue(Instant.now().isAfter(sendAt), "thread-service was back before the draft fell due");

        await("the scheduled draft sent after the restart").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> as(owner.key()).get(drafts + "/" + draftId).statusCode() == 404);
        as(owner.key()).get("/v0/inboxes/" + encoded(inbox) + "/messages")
                .then().statusCode(200).body("messages.find { it.subject == '" + subject + "' }.labels",
                        hasItem("sent"));
    }
}
