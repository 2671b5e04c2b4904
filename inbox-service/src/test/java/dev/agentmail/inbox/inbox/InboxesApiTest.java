package dev.agentmail.inbox.inbox;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
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

/** Creating, reading, updating and deleting inboxes at /v0/inboxes, as an organization key. */
@QuarkusTest
class InboxesApiTest {

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
    void createdInboxIsItsLowercaseAddressInTheDefaultPod() {
        String username = TestOrganization.username("Agent");

        organization.owner().body(Map.of("username", username, "display_name", "Agent Smith"))
                .post("/v0/inboxes")
                .then().statusCode(200)
                .body("inbox_id", equalTo(username.toLowerCase() + "@agentmail.local"))
                .body("email", equalTo(username.toLowerCase() + "@agentmail.local"))
                .body("pod_id", equalTo("pod_default"))
                .body("display_name", equalTo("Agent Smith"))
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue())
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("metadata")))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("client_id")));

        assertEquals(List.of(Map.of("organization_id", organization.id(), "pod_id", "pod_default",
                        "display_name", "Agent Smith")),
                database.query("select organization_id, pod_id, display_name from inboxes where inbox_id = ?",
                        username.toLowerCase() + "@agentmail.local"));
    }

    @Test
    void firstInboxWithoutPodCreatesTheOrganizationsDefaultPod() {
        organization.createInbox(Map.of("username", TestOrganization.username("first")));

        assertEquals(List.of(Map.of("pod_id", "pod_default", "name", "Default")),
                database.query("select pod_id, name from pods where organization_id = ?", organization.id()));
    }

    @Test
    void inboxWithoutUsernameGetsAReadableGeneratedAddress() {
        organization.owner().body(Map.of()).post("/v0/inboxes")
                .then().statusCode(200)
                .body("inbox_id", matchesPattern("[a-z]+-[a-z]+-[a-z2-9]{4}@agentmail\\.local"));
    }

    @Test
    void inboxesWithoutUsernameGetDifferentAddresses() {
        Object first = organization.createInbox(Map.of()).get("inbox_id");
        Object second = organization.createInbox(Map.of()).get("inbox_id");

        assertTrue(!first.equals(second), first + " twice");
    }

    @Test
    void explicitDefaultDomainIsAcceptedInAnyCase() {
        String username = TestOrganization.username("cased");

        organization.owner().body(Map.of("username", username, "domain", "AgentMail.Local")).post("/v0/inboxes")
                .then().statusCode(200).body("inbox_id", equalTo(username + "@agentmail.local"));
    }

    @Test
    void unverifiedDomainIsRejectedNamingTheField() {
        organization.owner().body(Map.of("username", TestOrganization.username("x"), "domain", "example.com"))
                .post("/v0/inboxes")
                .then().statusCode(400)
                .body("name", equalTo("ValidationError"))
                .body("errors[0].field", equalTo("domain"))
                .body("message", org.hamcrest.Matchers.containsString("not support adding domains yet"));
    }

    @Test
    void usernameThatSmtpCannotCarryIsRejectedNamingTheField() {
        for (String invalid : List.of("two words", ".leading", "trailing.", "dou..ble", "at@sign", "", "quo\"te")) {
            organization.owner().body(Map.of("username", invalid)).post("/v0/inboxes")
                    .then().statusCode(400)
                    .body("name", equalTo("ValidationError"))
                    .body("errors[0].field", equalTo("username"));
        }
    }

    @Test
    void usernameOfSixtyFourCharactersIsAcceptedAndSixtyFiveRejected() {
        String base = TestOrganization.username("long");
        organization.owner().body(Map.of("username", base + "x".repeat(64 - base.length()))).post("/v0/inboxes")
                .then().statusCode(200);
        organization.owner().body(Map.of("username", base + "y".repeat(65 - base.length()))).post("/v0/inboxes")
                .then().statusCode(400).body("errors[0].field", equalTo("username"));
    }

    @Test
    void usernameWithDotsAndSymbolsOfTheDotAtomIsAccepted() {
        String username = "first.last+tag_" + TestOrganization.username("s");

        organization.owner().body(Map.of("username", username)).post("/v0/inboxes")
                .then().statusCode(200).body("inbox_id", equalTo(username + "@agentmail.local"));
    }

    @Test
    void takenAddressIsRefusedWhateverItsCase() {
        String username = TestOrganization.username("taken");
        organization.createInbox(Map.of("username", username));

        organization.owner().body(Map.of("username", username.toUpperCase())).post("/v0/inboxes")
                .then().statusCode(409)
                .body("name", equalTo("IsTakenError"));
    }

    @Test
    void addressTakenInAnotherOrganizationIsRefused() {
        String username = TestOrganization.username("elsewhere");
        TestOrganization.fresh(issuer).createInbox(Map.of("username", username));

        organization.owner().body(Map.of("username", username)).post("/v0/inboxes")
                .then().statusCode(409).body("name", equalTo("IsTakenError"));
    }

    @Test
    void repeatedClientIdAnswersTheFirstInboxUnchanged() {
        Map<String, Object> first = organization.createInbox(
                Map.of("username", TestOrganization.username("once"), "client_id", "create-1"));

        Map<String, Object> again = organization.owner()
                .body(Map.of("username", TestOrganization.username("twice"), "client_id", "create-1",
                        "display_name", "changed"))
                .post("/v0/inboxes")
                .then().statusCode(200).extract().jsonPath().getMap("");

        assertEquals(first, again);
        assertEquals(List.of(Map.of("n", 1L)),
                database.query("select count(*) as n from inboxes where organization_id = ?", organization.id()));
    }

    @Test
    void sameClientIdInAnotherOrganizationMakesItsOwnInbox() {
        Map<String, Object> first = organization.createInbox(Map.of("client_id", "shared"));
        Map<String, Object> other = TestOrganization.fresh(issuer).createInbox(Map.of("client_id", "shared"));

        assertTrue(!first.get("inbox_id").equals(other.get("inbox_id")));
    }

    @Test
    void getAnswersTheInboxByAddressInAnyCase() {
        String inboxId = (String) organization.createInbox(
                Map.of("username", TestOrganization.username("read"), "client_id", "c-1")).get("inbox_id");

        organization.owner().get("/v0/inboxes/" + inboxId.toUpperCase())
                .then().statusCode(200)
                .body("inbox_id", equalTo(inboxId))
                .body("client_id", equalTo("c-1"));
    }

    @Test
    void unknownInboxIsNotFound() {
        organization.owner().get("/v0/inboxes/nobody@agentmail.local")
                .then().statusCode(404).body("name", equalTo("NotFoundError"));
    }

    @Test
    void patchChangesTheDisplayNameAndUpdatedAt() {
        Map<String, Object> inbox = organization.createInbox(Map.of("display_name", "Before"));

        organization.owner().body(Map.of("display_name", "After")).patch("/v0/inboxes/" + inbox.get("inbox_id"))
                .then().statusCode(200)
                .body("display_name", equalTo("After"))
                .body("created_at", equalTo(inbox.get("created_at")))
                .body("updated_at", org.hamcrest.Matchers.not(equalTo(inbox.get("updated_at"))));

        assertEquals(List.of(Map.of("display_name", "After")),
                database.query("select display_name from inboxes where inbox_id = ?", inbox.get("inbox_id")));
    }

    @Test
    void patchWithNullDisplayNameRemovesIt() {
        Map<String, Object> inbox = organization.createInbox(Map.of("display_name", "Named"));

        organization.owner().body("{\"display_name\": null}").patch("/v0/inboxes/" + inbox.get("inbox_id"))
                .then().statusCode(200)
                .body("display_name", nullValue());
    }

    @Test
    void deleteRemovesTheInbox() {
        Object inboxId = organization.createInbox(Map.of()).get("inbox_id");

        organization.owner().delete("/v0/inboxes/" + inboxId).then().statusCode(204);

        organization.owner().get("/v0/inboxes/" + inboxId).then().statusCode(404);
        assertTrue(database.query("select 1 from inboxes where inbox_id = ?", inboxId).isEmpty());
    }

    @Test
    void deletedAddressCanBeTakenAgain() {
        String username = TestOrganization.username("again");
        Object inboxId = organization.createInbox(Map.of("username", username)).get("inbox_id");
        organization.owner().delete("/v0/inboxes/" + inboxId).then().statusCode(204);

        organization.owner().body(Map.of("username", username)).post("/v0/inboxes").then().statusCode(200);
    }

    @Test
    void fieldOfTheWrongJsonTypeIsAValidationErrorNamingIt() {
        organization.owner().body("{\"username\": {\"nested\": 1}}").post("/v0/inboxes")
                .then().statusCode(400)
                .body("name", equalTo("ValidationError"))
                .body("errors[0].field", equalTo("username"));
    }

    @Test
    void bodyThatIsNotJsonIsAValidationErrorSayingSo() {
        for (String notJson : List.of("{not json", "hello", "[1, 2]", "{\"username\": \"a\"",
                "{\"username\": \"a\", \"username\": \"b\"}")) {
            organization.owner().body(notJson).post("/v0/inboxes")
                    .then().statusCode(400)
                    .body("name", equalTo("ValidationError"))
                    .body("message", containsString("not valid JSON"))
                    .body("message", not(containsString("dev.agentmail")));
        }
    }

    @Test
    void malformedListParameterIsAValidationErrorNamingIt() {
        organization.owner().get("/v0/inboxes?limit=abc").then().statusCode(400)
                .body("name", equalTo("ValidationError"))
                .body("errors[0].field", equalTo("limit"))
                .body("message", containsString("whole number"));
        organization.owner().get("/v0/inboxes?ascending=maybe").then().statusCode(400)
                .body("errors[0].field", equalTo("ascending"));
        organization.owner().get("/v0/inboxes?limit=5&ascending=TRUE").then().statusCode(200);
    }

    @Test
    void nulCharacterInThePathOrTheBodyIsAValidationErrorAndStoresNothing() {
        organization.owner().urlEncodingEnabled(false).get("/v0/inboxes/%00").then().statusCode(400)
                .body("name", equalTo("ValidationError"))
                .body("message", containsString("NUL"));
        organization.owner().body("{\"display_name\": \"a\\u0000b\"}").post("/v0/inboxes")
                .then().statusCode(400)
                .body("name", equalTo("ValidationError"));
        assertEquals(List.of(Map.of("count", 0L)),
                database.query("select count(*) from inboxes where organization_id = ?", organization.id()));
    }
}
