package dev.agentmail.systemtest;

import static dev.agentmail.systemtest.Api.as;
import static dev.agentmail.systemtest.Api.encoded;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A revoked key stops working at the gateway at once: auth.events evicts it from every gateway's cache. */
@ExtendWith(SystemSuite.class)
class RevocationTest {

    @Test
    void revokedKeyIsDeniedWithinOneSecond() {
        Tenant owner = Tenant.bootstrap();
        Tenant.Key key = owner.createKey("/v0/api-keys");
        for (int i = 0; i < 3; i++) {
            // Verified once, then answered from the gateway's cache.
            as(key.secret()).get("/v0/auth/me").then().statusCode(200);
        }
        as(owner.key()).delete("/v0/api-keys/" + key.id()).then().statusCode(204);
        long revoked = System.nanoTime();
        await("the revoked key refused").atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> as(key.secret()).get("/v0/auth/me").statusCode() == 401);
        System.out.printf("revoked key refused %d ms after its revocation was answered%n",
                (System.nanoTime() - revoked) / 1_000_000);
    }

    @Test
    void deletingAnInboxRevokesItsKeys() {
        Tenant owner = Tenant.bootstrap();
        String pod = owner.createPod();
        String inbox = owner.createInbox(pod);
        Tenant.Key inboxKey = owner.createInboxKey(inbox);
        as(inboxKey.secret()).get("/v0/inboxes/" + encoded(inbox)).then().statusCode(200);
        as(owner.key()).delete("/v0/inboxes/" + encoded(inbox)).then().statusCode(204);
        // inbox.events to auth-service, which revokes the key; auth.events back to the gateway.
        await("the deleted inbox's key refused").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> as(inboxKey.secret()).get("/v0/auth/me").statusCode() == 401);
    }
}
