package dev.agentmail.auth.organization;

import static dev.agentmail.auth.Callers.BOOTSTRAP_KEY;
import static dev.agentmail.auth.Callers.BOOTSTRAP_ORGANIZATION;
import static dev.agentmail.auth.Callers.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.auth.inbox.InboxEventsFeed;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrganizationsTest {

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void theCallersOrganizationIsAnsweredInAgentMailsShape() {
        as(BOOTSTRAP_KEY).get("/v0/organizations").then()
                .statusCode(200)
                .body("organization_id", is(BOOTSTRAP_ORGANIZATION))
                .body("inbox_count", notNullValue())
                .body("domain_count", is(0))
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue());
    }

    @Test
    void theBootstrapKeyIsStoredOnceAsAnUnrestrictedOrganizationKey() {
        var rows = database.query("select name, pod_id, inbox_id, permissions from api_keys where name = 'bootstrap'");
        assertEquals(1, rows.size());
        assertEquals(BOOTSTRAP_ORGANIZATION, database.query(
                "select organization_id from api_keys where name = 'bootstrap'").get(0).get("organization_id"));
        assertEquals(null, rows.get(0).get("permissions"));
    }

    @Test
    void inboxCountFollowsInboxEventsAndARedeliveryCountsOnce() {
        String inbox = "count-" + UUID.randomUUID().toString().substring(0, 8) + "@agentmail.test";
        int before = inboxCount();
        String created = """
                {"type":"event","event_type":"inbox.created","event_id":"evt_%s","organization_id":"%s",
                 "inbox":{"inbox_id":"%s","pod_id":"pod_c"}}""".formatted(UUID.randomUUID(), BOOTSTRAP_ORGANIZATION, inbox);
        TopicRecords.write(kafka, "inbox.events", inbox, created);
        TopicRecords.write(kafka, "inbox.events", inbox, created);
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxCount() == before + 1);

        InboxEventsFeed.deleted(kafka, BOOTSTRAP_ORGANIZATION, inbox, "pod_c");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxCount() == before);
    }

    private int inboxCount() {
        return as(BOOTSTRAP_KEY).get("/v0/organizations").then().statusCode(200).extract().path("inbox_count");
    }
}
