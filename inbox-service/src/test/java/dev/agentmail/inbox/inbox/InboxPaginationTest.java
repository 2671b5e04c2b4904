package dev.agentmail.inbox.inbox;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.inbox.TestOrganization;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keyset pages of an organization's and a pod's inboxes: every inbox once, in order, page after page. */
@QuarkusTest
class InboxPaginationTest {

    private static final int INBOXES = 7;

    @InjectTestIssuer
    TestIssuer issuer;

    private TestOrganization organization;
    private List<String> createdInOrder;

    @BeforeEach
    void sevenInboxes() {
        organization = TestOrganization.fresh(issuer);
        createdInOrder = new ArrayList<>();
        for (int i = 0; i < INBOXES; i++) {
            createdInOrder.add((String) organization.createInbox(Map.of()).get("inbox_id"));
        }
    }

    @Test
    void pagesNewestFirstByDefaultWithoutDuplicatesOrGaps() {
        List<String> newestFirst = new ArrayList<>(createdInOrder);
        Collections.reverse(newestFirst);

        assertEquals(newestFirst, allPages("/v0/inboxes", false, List.of(3, 3, 1)));
    }

    @Test
    void pagesOldestFirstWhenAscending() {
        assertEquals(createdInOrder, allPages("/v0/inboxes", true, List.of(3, 3, 1)));
    }

    @Test
    void lastFullPageHasNoNextPageToken() {
        organization.owner().queryParam("limit", INBOXES).get("/v0/inboxes")
                .then().statusCode(200)
                .body("count", equalTo(INBOXES))
                .body("limit", equalTo(INBOXES))
                .body("next_page_token", nullValue());
    }

    @Test
    void podListPagesOnlyThatPodsInboxes() {
        String podId = organization.createPod("paged");
        List<String> inPod = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inPod.add(organization.createInboxInPod(podId, TestOrganization.username("paged")));
        }

        assertEquals(inPod, allPages("/v0/pods/" + podId + "/inboxes", true, List.of(3, 1)));
    }

    @Test
    void limitOutsideOneToOneHundredIsRejected() {
        organization.owner().queryParam("limit", 0).get("/v0/inboxes")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        organization.owner().queryParam("limit", 101).get("/v0/inboxes")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void pageTokenThatTheListDidNotGiveIsRejected() {
        organization.owner().queryParam("page_token", "bogus!").get("/v0/inboxes")
                .then().statusCode(400).body("errors[0].field", equalTo("page_token"));
    }

    /** Follows next_page_token with limit 3 and answers every inbox_id seen, checking each page's count. */
    private List<String> allPages(String path, boolean ascending, List<Integer> expectedCounts) {
        List<String> seen = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        String token = null;
        do {
            RequestSpecification request = organization.owner().queryParam("limit", 3)
                    .queryParam("ascending", ascending);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("inboxes.inbox_id");
            assertEquals(ids.size(), page.getInt("count"));
            counts.add(ids.size());
            seen.addAll(ids);
            token = page.getString("next_page_token");
        } while (token != null);
        assertEquals(expectedCounts, counts);
        return seen;
    }
}
