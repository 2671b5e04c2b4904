package dev.agentmail.gateway.ratelimit;

import static dev.agentmail.gateway.Gateway.as;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.gateway.TestUpstream;
import dev.agentmail.gateway.TestUpstreamResource.InjectTestUpstream;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** org_tiny's keys get a bucket of 2 refilled at 1 per second (its lines in application.properties, %test). */
@QuarkusTest
class RateLimitTest {

    private static final String INBOX = "/v0/inboxes/a%40agentmail.local";

    @InjectTestUpstream
    TestUpstream upstream;

    @Test
    void keyOverItsOrganizationsLimitGets429WithRetryAfter() {
        String key = upstream.organizationKey("org_tiny", "inbox_read");
        as(key).get(INBOX).then().statusCode(200);
        as(key).get(INBOX).then().statusCode(200);
        String retryAfter = as(key).get(INBOX).then().statusCode(429)
                .body("name", is("RateLimitError"))
                .extract().header("Retry-After");
        assertTrue(Integer.parseInt(retryAfter) >= 1, retryAfter);
    }

    @Test
    void eachKeyHasABucketOfItsOwn() {
        String first = upstream.organizationKey("org_tiny", "inbox_read");
        String second = upstream.organizationKey("org_tiny", "inbox_read");
        for (int i = 0; i < 2; i++) {
            as(first).get(INBOX).then().statusCode(200);
        }
        as(first).get(INBOX).then().statusCode(429);
        as(second).get(INBOX).then().statusCode(200);
    }

    @Test
    void otherOrganizationsHaveTheDefaultLimit() {
        String key = upstream.organizationKey("org_a", "inbox_read");
        for (int i = 0; i < 10; i++) {
            as(key).get(INBOX).then().statusCode(200);
        }
    }
}
