package dev.agentmail.inbox.pod;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** /v0/pods: create, replay by client_id, list, get, delete. */
@QuarkusTest
class PodsApiTest {

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    private TestOrganization organization;

    @BeforeEach
    void freshOrganization() {
        organization = TestOrganization.fresh(issuer);
    }

    @Test
    void createdPodIsStoredInTheOrganization() {
        String podId = organization.owner().body(Map.of("name", "Support", "client_id", "pod-1")).post("/v0/pods")
                .then().statusCode(200)
                .body("pod_id", startsWith("pod_"))
                .body("name", equalTo("Support"))
                .body("client_id", equalTo("pod-1"))
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue())
                .extract().path("pod_id");

        assertEquals(List.of(Map.of("organization_id", organization.id(), "name", "Support", "client_id", "pod-1")),
                database.query("select organization_id, name, client_id from pods where pod_id = ?", podId));
    }

    @Test
    void repeatedClientIdAnswersTheFirstPodUnchanged() {
        Map<String, Object> first = organization.owner().body(Map.of("name", "First", "client_id", "same"))
                .post("/v0/pods").then().statusCode(200).extract().jsonPath().getMap("");

        Map<String, Object> again = organization.owner().body(Map.of("name", "Second", "client_id", "same"))
                .post("/v0/pods").then().statusCode(200).extract().jsonPath().getMap("");

        assertEquals(first, again);
        assertEquals(1, database.query("select 1 from pods where organization_id = ?", organization.id()).size());
    }

    @Test
    void podWithoutNameIsNamedByItsId() {
        organization.owner().body(Map.of()).post("/v0/pods")
                .then().statusCode(200).body("name", startsWith("pod_"));
    }

    @Test
    void getAnswersThePod() {
        String podId = organization.createPod("Read me");

        organization.owner().get("/v0/pods/" + podId)
                .then().statusCode(200).body("pod_id", equalTo(podId)).body("name", equalTo("Read me"));
    }

    @Test
    void listPagesThePodsNewestFirst() {
        String older = organization.createPod("older");
        String newer = organization.createPod("newer");

        organization.owner().queryParam("limit", 1).get("/v0/pods")
                .then().statusCode(200)
                .body("count", equalTo(1))
                .body("pods.pod_id", equalTo(List.of(newer)))
                .body("next_page_token", notNullValue());
        String token = organization.owner().queryParam("limit", 1).get("/v0/pods").then().extract()
                .path("next_page_token");
        organization.owner().queryParam("limit", 1).queryParam("page_token", token).get("/v0/pods")
                .then().statusCode(200)
                .body("pods.pod_id", equalTo(List.of(older)))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("next_page_token")));
    }

    @Test
    void anotherOrganizationsPodIsNotFound() {
        String podId = organization.createPod("mine");

        TestOrganization.fresh(issuer).owner().get("/v0/pods/" + podId).then().statusCode(404);
        TestOrganization.fresh(issuer).owner().delete("/v0/pods/" + podId).then().statusCode(404);
    }

    @Test
    void podKeyReadsItsOwnPod() {
        String podId = organization.createPod("own");

        organization.podKey(podId).get("/v0/pods/" + podId).then().statusCode(200);
    }

    @Test
    void emptyPodIsDeleted() {
        String podId = organization.createPod("empty");

        organization.owner().delete("/v0/pods/" + podId).then().statusCode(204);

        assertTrue(database.query("select 1 from pods where pod_id = ? and organization_id = ?", podId,
                organization.id()).isEmpty());
    }

    @Test
    void podWithInboxesIsNotDeleted() {
        String podId = organization.createPod("busy");
        organization.createInboxInPod(podId, TestOrganization.username("busy"));

        organization.owner().delete("/v0/pods/" + podId)
                .then().statusCode(409)
                .body("name", equalTo("ConflictError"))
                .body("message", equalTo("Pod " + podId + " still has inboxes; delete them first."));
        assertEquals(1, database.query("select 1 from pods where pod_id = ?", podId).size());
    }

    @Test
    void inboxesOfAMissingPodAreNotFound() {
        organization.owner().get("/v0/pods/pod_missing/inboxes").then().statusCode(404);
        organization.owner().body(Map.of()).post("/v0/pods/pod_missing/inboxes").then().statusCode(404);
    }

    @Test
    void keyWithoutPodPermissionsIsForbidden() {
        String podId = organization.createPod("guarded");
        organization.ownerWith(List.of("inbox_read")).get("/v0/pods").then().statusCode(403);
        organization.ownerWith(List.of("inbox_read")).body(Map.of()).post("/v0/pods").then().statusCode(403);
        organization.ownerWith(List.of("inbox_read")).get("/v0/pods/" + podId).then().statusCode(403);
        organization.ownerWith(List.of("pod_read")).delete("/v0/pods/" + podId).then().statusCode(403);
    }
}
