package dev.agentmail.inbox.inbox;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.agentmail.inbox.TestOrganization;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inbox metadata on the wire: its rules on create and its merge on PATCH, and what the table then holds. */
@QuarkusTest
class InboxMetadataApiTest {

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
    void metadataOfStringsNumbersAndBooleansIsStoredAndReturned() {
        String inboxId = (String) organization.owner()
                .body("{\"metadata\": {\"team\": \"sales\", \"seats\": 3, \"ratio\": 0.5, \"vip\": true}}")
                .post("/v0/inboxes")
                .then().statusCode(200)
                .body("metadata.team", equalTo("sales"))
                .body("metadata.seats", equalTo(3))
                .body("metadata.ratio", equalTo(0.5f))
                .body("metadata.vip", equalTo(true))
                .extract().path("inbox_id");

        // jsonb keeps typed values (and orders keys its own way).
        assertEquals("{\"vip\": true, \"team\": \"sales\", \"ratio\": 0.5, \"seats\": 3}", storedMetadata(inboxId));
    }

    @Test
    void aPatchThatMeetsAnotherInFlightMergesIntoItsResultInsteadOfUndoingIt() throws Exception {
        String inboxId = create(Map.of("first", "1")).statusCode(200).extract().path("inbox_id");
        // The PATCH starts while another change of the row is uncommitted: it merges into what it read, which is
        // that change's result only if it waits for it. The pause gives it time to reach the database.
        CompletableFuture<Integer> patch = database.whileUncommitted(
                "update inboxes set metadata = metadata || '{\"other\": \"2\"}' where inbox_id = ?",
                List.of(inboxId), () -> {
                    CompletableFuture<Integer> started = CompletableFuture.supplyAsync(() -> organization.owner()
                            .body(Map.of("metadata", Map.of("mine", "3"))).patch("/v0/inboxes/" + inboxId)
                            .then().extract().statusCode());
                    Thread.sleep(500);
                    return started;
                });
        assertEquals(200, patch.get().intValue());
        assertEquals("{\"mine\": \"3\", \"first\": \"1\", \"other\": \"2\"}", storedMetadata(inboxId));
    }

    @Test
    void twoHundredFiftySixKeysAreAcceptedOnCreate() {
        create(keys(256)).statusCode(200).body("metadata.size()", equalTo(256));
    }

    @Test
    void twoHundredFiftySevenKeysAreRejectedOnCreate() {
        rejected(create(keys(257)), "metadata");
    }

    @Test
    void keyOfTwoHundredFiftySixCharactersIsAccepted() {
        create(Map.of("k".repeat(256), "v")).statusCode(200);
    }

    @Test
    void keyOfTwoHundredFiftySevenCharactersIsRejectedNamingIt() {
        String key = "k".repeat(257);
        rejected(create(Map.of(key, "v")), "metadata." + key);
    }

    @Test
    void stringValueOfTwoHundredFiftySixCharactersIsAccepted() {
        create(Map.of("note", "v".repeat(256))).statusCode(200);
    }

    @Test
    void stringValueOfTwoHundredFiftySevenCharactersIsRejectedNamingTheKey() {
        rejected(create(Map.of("note", "v".repeat(257))), "metadata.note");
    }

    @Test
    void nestedObjectValueIsRejectedNamingTheKey() {
        rejected(organization.owner().body("{\"metadata\": {\"owner\": {\"id\": 1}}}").post("/v0/inboxes").then(),
                "metadata.owner");
    }

    @Test
    void arrayValueIsRejectedNamingTheKey() {
        rejected(organization.owner().body("{\"metadata\": {\"tags\": [\"a\"]}}").post("/v0/inboxes").then(),
                "metadata.tags");
    }

    @Test
    void nullValueIsRejectedOnCreate() {
        rejected(organization.owner().body("{\"metadata\": {\"team\": null}}").post("/v0/inboxes").then(),
                "metadata.team");
    }

    @Test
    void patchMergesKeysSentAndKeepsKeysOmitted() {
        String inboxId = inboxWith("{\"a\": \"1\", \"b\": \"2\"}");

        patch(inboxId, "{\"metadata\": {\"b\": \"two\", \"c\": 3}}").statusCode(200)
                .body("metadata", equalTo(Map.of("a", "1", "b", "two", "c", 3)));

        assertEquals(Map.of("a", "1", "b", "two", "c", "3"), storedKeys(inboxId));
    }

    @Test
    void patchRemovesAKeySentAsNull() {
        String inboxId = inboxWith("{\"a\": \"1\", \"b\": \"2\"}");

        patch(inboxId, "{\"metadata\": {\"a\": null}}").statusCode(200)
                .body("metadata", equalTo(Map.of("b", "2")));

        assertEquals(Map.of("b", "2"), storedKeys(inboxId));
    }

    @Test
    void patchWithMetadataNullClearsAllMetadata() {
        String inboxId = inboxWith("{\"a\": \"1\"}");

        patch(inboxId, "{\"metadata\": null}").statusCode(200).body("$", not(hasKey("metadata")));

        assertNull(storedMetadata(inboxId));
    }

    @Test
    void patchWithEmptyMetadataObjectIsRejected() {
        String inboxId = inboxWith("{\"a\": \"1\"}");

        rejected(patch(inboxId, "{\"metadata\": {}}"), "metadata");
        assertEquals(Map.of("a", "1"), storedKeys(inboxId));
    }

    @Test
    void patchThatWouldExceedTheKeyLimitIsRejected() {
        String inboxId = (String) create(keys(256)).statusCode(200).extract().path("inbox_id");

        rejected(patch(inboxId, "{\"metadata\": {\"one_more\": 1}}"), "metadata");
    }

    @Test
    void patchThatRemovesOneKeyAndAddsAnotherAtTheLimitIsAccepted() {
        String inboxId = (String) create(keys(256)).statusCode(200).extract().path("inbox_id");

        patch(inboxId, "{\"metadata\": {\"key0\": null, \"one_more\": 1}}").statusCode(200)
                .body("metadata.size()", equalTo(256));
    }

    @Test
    void patchWithAWronglyTypedValueIsRejectedNamingTheKey() {
        String inboxId = inboxWith("{\"a\": \"1\"}");

        rejected(patch(inboxId, "{\"metadata\": {\"list\": [1]}}"), "metadata.list");
    }

    @Test
    void patchWithoutDisplayNameOrMetadataIsRejected() {
        String inboxId = inboxWith("{\"a\": \"1\"}");

        patch(inboxId, "{\"client_id\": \"x\"}").statusCode(400)
                .body("name", equalTo("ValidationError"))
                .body("message", equalTo("Send display_name or metadata (or both) to update."));
    }

    private ValidatableResponse create(Map<String, ?> metadata) {
        return organization.owner().body(Map.of("metadata", metadata)).post("/v0/inboxes").then();
    }

    private String inboxWith(String metadata) {
        return organization.owner().body("{\"metadata\": " + metadata + "}").post("/v0/inboxes")
                .then().statusCode(200).extract().path("inbox_id");
    }

    private ValidatableResponse patch(String inboxId, String body) {
        return organization.owner().body(body).patch("/v0/inboxes/" + inboxId).then();
    }

    private static void rejected(ValidatableResponse response, String field) {
        response.statusCode(400)
                .body("name", equalTo("ValidationError"))
                .body("errors[0].field", equalTo(field));
    }

    private String storedMetadata(String inboxId) {
        Object metadata = database.query("select metadata::text as m from inboxes where inbox_id = ?", inboxId)
                .get(0).get("m");
        return (String) metadata;
    }

    /** The stored metadata's keys with their values as text (jsonb ->> each key). */
    private Map<String, String> storedKeys(String inboxId) {
        Map<String, String> keys = new LinkedHashMap<>();
        database.query("select key, value from inboxes, jsonb_each_text(metadata) where inbox_id = ?", inboxId)
                .forEach(row -> keys.put((String) row.get("key"), (String) row.get("value")));
        return keys;
    }

    private static Map<String, Object> keys(int count) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            keys.put("key" + i, i);
        }
        return keys;
    }
}
