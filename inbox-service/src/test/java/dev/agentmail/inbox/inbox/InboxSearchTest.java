package dev.agentmail.inbox.inbox;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.inbox.TestOrganization;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /v0/inboxes/search: every word of q is the prefix of a word of the address or display name. */
@QuarkusTest
class InboxSearchTest {

    @InjectTestIssuer
    TestIssuer issuer;

    private TestOrganization organization;
    private String tag;
    private String support;
    private String sales;

    @BeforeEach
    void twoInboxes() {
        organization = TestOrganization.fresh(issuer);
        // A word no other test's inbox has, as addresses are shared by the whole run.
        tag = "t" + UUID.randomUUID().toString().substring(0, 6);
        support = (String) organization.createInbox(
                Map.of("username", "support." + tag, "display_name", "Helpful Robot")).get("inbox_id");
        sales = (String) organization.createInbox(
                Map.of("username", "sales-" + tag, "display_name", "Quota Hunter")).get("inbox_id");
    }

    @Test
    void wordPrefixOfTheAddressMatches() {
        assertEquals(List.of(support), search("/v0/inboxes/search", "supp"));
    }

    @Test
    void wordPrefixOfTheDisplayNameMatchesWhateverItsCase() {
        assertEquals(List.of(sales), search("/v0/inboxes/search", "QUO"));
    }

    @Test
    void everyWordOfTheQueryMustMatch() {
        assertEquals(List.of(support), search("/v0/inboxes/search", tag + " rob"));
        assertEquals(List.of(), search("/v0/inboxes/search", tag + " nomatch"));
    }

    @Test
    void aMatchInsideAWordIsNoMatch() {
        assertEquals(List.of(), search("/v0/inboxes/search", "elpful"));
    }

    @Test
    void resultsAreNewestFirst() {
        assertEquals(List.of(sales, support), search("/v0/inboxes/search", tag));
    }

    @Test
    void searchDoesNotShowAnotherOrganizationsInboxes() {
        organization = TestOrganization.fresh(issuer);

        assertEquals(List.of(), search("/v0/inboxes/search", tag));
    }

    @Test
    void podSearchShowsOnlyThatPodsInboxes() {
        String podId = organization.createPod("searched");
        String inPod = organization.createInboxInPod(podId, "pod-" + tag);

        assertEquals(List.of(inPod), search("/v0/pods/" + podId + "/inboxes/search", tag));
    }

    @Test
    void queryOfOneCharacterIsRejected() {
        organization.owner().queryParam("q", "a").get("/v0/inboxes/search")
                .then().statusCode(400).body("errors[0].field", equalTo("q"));
    }

    @Test
    void queryOfTwoHundredFiftySevenCharactersIsRejected() {
        organization.owner().queryParam("q", "a".repeat(257)).get("/v0/inboxes/search")
                .then().statusCode(400).body("errors[0].field", equalTo("q"));
    }

    @Test
    void queryOfOnlyPunctuationFindsNothing() {
        assertEquals(List.of(), search("/v0/inboxes/search", "@@"));
    }

    private List<String> search(String path, String q) {
        return organization.owner().queryParam("q", q).get(path)
                .then().statusCode(200).extract().jsonPath().getList("inboxes.inbox_id");
    }
}
