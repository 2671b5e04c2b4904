package dev.agentmail.inbox.inbox;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.inbox.TestOrganization;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How far each key reaches: an organization key everything in its organization, a pod key its pod's inboxes, an
 * inbox key a GET of its own inbox. Beyond that, 404 as if absent; organization-level collections, 403.
 */
@QuarkusTest
class InboxScopeTest {

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    private TestOrganization organization;
    private String podA;
    private String podB;
    private String inboxInA;
    private String inboxInB;

    @BeforeEach
    void twoPodsWithAnInboxEach() {
        organization = TestOrganization.fresh(issuer);
        podA = organization.createPod("a");
        podB = organization.createPod("b");
        inboxInA = organization.createInboxInPod(podA, TestOrganization.username("a"));
        inboxInB = organization.createInboxInPod(podB, TestOrganization.username("b"));
    }

    @Test
    void anotherOrganizationsInboxIsNotFound() {
        TestOrganization stranger = TestOrganization.fresh(issuer);

        stranger.owner().get("/v0/inboxes/" + inboxInA).then().statusCode(404).body("name", equalTo("NotFoundError"));
        stranger.owner().body(Map.of("display_name", "x")).patch("/v0/inboxes/" + inboxInA).then().statusCode(404);
        stranger.owner().delete("/v0/inboxes/" + inboxInA).then().statusCode(404);
        assertEquals(1, database.query("select 1 from inboxes where inbox_id = ?", inboxInA).size());
    }

    @Test
    void anotherOrganizationsListDoesNotShowTheInbox() {
        TestOrganization.fresh(issuer).owner().get("/v0/inboxes")
                .then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void podKeyListsOnlyItsPodsInboxes() {
        organization.podKey(podA).get("/v0/pods/" + podA + "/inboxes")
                .then().statusCode(200)
                .body("inboxes.inbox_id", equalTo(List.of(inboxInA)));
    }

    @Test
    void podKeyCreatesInItsPod() {
        organization.podKey(podA).body(Map.of("username", TestOrganization.username("podmade")))
                .post("/v0/pods/" + podA + "/inboxes")
                .then().statusCode(200).body("pod_id", equalTo(podA));
    }

    @Test
    void podKeyReadsAndChangesItsPodsInbox() {
        organization.podKey(podA).get("/v0/inboxes/" + inboxInA).then().statusCode(200);
        organization.podKey(podA).body(Map.of("display_name", "mine")).patch("/v0/inboxes/" + inboxInA)
                .then().statusCode(200);
    }

    @Test
    void podKeyDoesNotSeeAnotherPodsInbox() {
        organization.podKey(podA).get("/v0/inboxes/" + inboxInB).then().statusCode(404);
        organization.podKey(podA).body(Map.of("display_name", "x")).patch("/v0/inboxes/" + inboxInB)
                .then().statusCode(404);
        organization.podKey(podA).delete("/v0/inboxes/" + inboxInB).then().statusCode(404);
    }

    @Test
    void podKeyDoesNotReachAnotherPodsCollection() {
        organization.podKey(podA).get("/v0/pods/" + podB + "/inboxes").then().statusCode(404);
        organization.podKey(podA).body(Map.of()).post("/v0/pods/" + podB + "/inboxes").then().statusCode(404);
        organization.podKey(podA).get("/v0/pods/" + podB).then().statusCode(404);
    }

    @Test
    void podRouteDoesNotShowAnInboxOfAnotherPod() {
        organization.owner().get("/v0/pods/" + podA + "/inboxes/" + inboxInB).then().statusCode(404);
        organization.owner().get("/v0/pods/" + podA + "/inboxes/" + inboxInA).then().statusCode(200);
    }

    @Test
    void podKeyIsForbiddenTheOrganizationsCollections() {
        organization.podKey(podA).get("/v0/inboxes").then().statusCode(403).body("name", equalTo("ForbiddenError"));
        organization.podKey(podA).body(Map.of()).post("/v0/inboxes").then().statusCode(403);
        organization.podKey(podA).get("/v0/inboxes/search?q=ab").then().statusCode(403);
        organization.podKey(podA).get("/v0/pods").then().statusCode(403);
        organization.podKey(podA).body(Map.of()).post("/v0/pods").then().statusCode(403);
    }

    @Test
    void inboxKeyReadsItsOwnInbox() {
        organization.inboxKey(podA, inboxInA).get("/v0/inboxes/" + inboxInA)
                .then().statusCode(200).body("inbox_id", equalTo(inboxInA));
    }

    @Test
    void inboxKeyDoesNotSeeAnotherInboxOfItsPod() {
        String sibling = organization.createInboxInPod(podA, TestOrganization.username("sibling"));

        organization.inboxKey(podA, inboxInA).get("/v0/inboxes/" + sibling).then().statusCode(404);
    }

    @Test
    void inboxKeyCannotChangeOrDeleteItsInbox() {
        organization.inboxKey(podA, inboxInA).body(Map.of("display_name", "x")).patch("/v0/inboxes/" + inboxInA)
                .then().statusCode(403);
        organization.inboxKey(podA, inboxInA).delete("/v0/inboxes/" + inboxInA).then().statusCode(403);
        assertEquals(1, database.query("select 1 from inboxes where inbox_id = ?", inboxInA).size());
    }

    @Test
    void inboxKeyIsForbiddenTheOrganizationsCollectionsAndDoesNotSeeItsPodsCollection() {
        organization.inboxKey(podA, inboxInA).get("/v0/inboxes").then().statusCode(403);
        organization.inboxKey(podA, inboxInA).get("/v0/pods/" + podA + "/inboxes").then().statusCode(404);
    }

    @Test
    void keyWithoutInboxReadIsForbidden() {
        organization.ownerWith(List.of("inbox_create")).get("/v0/inboxes/" + inboxInA)
                .then().statusCode(403).body("message", equalTo("This API key lacks the inbox_read permission."));
    }

    @Test
    void keyWithoutInboxCreateIsForbidden() {
        organization.ownerWith(List.of("inbox_read")).body(Map.of()).post("/v0/inboxes").then().statusCode(403);
    }

    @Test
    void keyWithoutInboxUpdateIsForbidden() {
        organization.ownerWith(List.of("inbox_read")).body(Map.of("display_name", "x"))
                .patch("/v0/inboxes/" + inboxInA).then().statusCode(403);
    }

    @Test
    void keyWithoutInboxDeleteIsForbidden() {
        organization.ownerWith(List.of("inbox_read")).delete("/v0/inboxes/" + inboxInA).then().statusCode(403);
    }
}
