package dev.agentmail.auth.apikey;

import static dev.agentmail.auth.Callers.BOOTSTRAP_KEY;
import static dev.agentmail.auth.Callers.as;
import static dev.agentmail.auth.Callers.createKey;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.auth.Callers;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TopicRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OrganizationApiKeysTest {

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aCreatedKeyShowsItsSecretOnceAndOnlyItsHashIsStored() throws Exception {
        JsonPath created = as(BOOTSTRAP_KEY).body(Map.of("name", "agent-1")).post("/v0/api-keys")
                .then().statusCode(200)
                .body("name", is("agent-1"))
                .body("prefix", startsWith("am_"))
                .body("pod_id", nullValue())
                .extract().jsonPath();
        String secret = created.getString("api_key");
        String id = created.getString("api_key_id");
        assertTrue(secret.startsWith(created.getString("prefix") + "_"));

        as(BOOTSTRAP_KEY).get("/v0/api-keys/" + id).then()
                .statusCode(200)
                .body("api_key_id", is(id))
                .body("type", is("bearer"))
                .body("api_key", nullValue());
        Map<String, Object> row = database.query("select key_hash, row_to_json(k)::text as everything "
                + "from api_keys k where api_key_id = ?", id).get(0);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)),
                (byte[]) row.get("key_hash"));
        String secretPart = secret.substring(secret.lastIndexOf('_') + 1);
        assertFalse(((String) row.get("everything")).contains(secretPart), "the row holds no secret");
    }

    @Test
    void aNewKeyVerifiesAsAnOrganizationKeyWithEveryPermission() {
        String key = createKey(BOOTSTRAP_KEY, "/v0/api-keys", Map.of("name", "full"));
        given().contentType(ContentType.JSON).body(Map.of("api_key", key)).post("/internal/keys/verify").then()
                .statusCode(200)
                .body("principal.organization_id", is(Callers.BOOTSTRAP_ORGANIZATION))
                .body("principal.scope_type", is("organization"))
                .body("principal.permissions", hasItem("domain_create"))
                .body("token", notNullValue())
                .body("expires_at", notNullValue());
    }

    @Test
    void listingPagesThroughEveryKeyWithoutDuplicatesOrGaps() {
        for (int i = 0; i < 5; i++) {
            createKey(BOOTSTRAP_KEY, "/v0/api-keys", Map.of("name", "page-" + i));
        }
        List<String> live = database.query("select api_key_id from api_keys where organization_id = 'org_default' "
                        + "and revoked_at is null order by created_at desc, api_key_id desc").stream()
                .map(row -> (String) row.get("api_key_id")).toList();

        assertEquals(live, walk(false));
        List<String> oldestFirst = new ArrayList<>(live);
        Collections.reverse(oldestFirst);
        assertEquals(oldestFirst, walk(true));
    }

    @Test
    void updateRenamesAndReplacesOrLiftsTheWhitelist() {
        String id = idOf(createKey(BOOTSTRAP_KEY, "/v0/api-keys", Map.of("name", "before")));
        as(BOOTSTRAP_KEY).body(Map.of("name", "after")).patch("/v0/api-keys/" + id).then()
                .statusCode(200).body("name", is("after")).body("permissions", nullValue());
        as(BOOTSTRAP_KEY).body(Map.of("permissions", Map.of("message_read", true, "message_send", false)))
                .patch("/v0/api-keys/" + id).then()
                .statusCode(200).body("permissions", equalTo(Map.of("message_read", true)));
        as(BOOTSTRAP_KEY).body("{\"permissions\": null}").patch("/v0/api-keys/" + id).then()
                .statusCode(200).body("permissions", nullValue());
        as(BOOTSTRAP_KEY).body("{}").patch("/v0/api-keys/" + id).then()
                .statusCode(400).body("name", is("ValidationError"));
    }

    @Test
    void deleteRevokesTheKeyAtOnce() {
        String key = createKey(BOOTSTRAP_KEY, "/v0/api-keys", Map.of("name", "doomed"));
        String id = idOf(key);
        as(BOOTSTRAP_KEY).delete("/v0/api-keys/" + id).then().statusCode(204);

        verifyIsRefused(key);
        as(BOOTSTRAP_KEY).get("/v0/api-keys/" + id).then().statusCode(404).body("name", is("NotFoundError"));
        as(BOOTSTRAP_KEY).queryParam("limit", 100).get("/v0/api-keys").then()
                .body("api_keys.api_key_id", not(hasItem(id)));
    }

    @Test
    void anExpiredKeyIsRefused() {
        String key = createKey(BOOTSTRAP_KEY, "/v0/api-keys", Map.of("name", "short-lived"));
        database.query("update api_keys set expires_at = now() - interval '1 minute' where api_key_id = ? "
                + "returning api_key_id", idOf(key));
        verifyIsRefused(key);
    }

    @Test
    void aKeyThatExpiresSoonGetsATokenThatExpiresWithIt() {
        String key = createKey(BOOTSTRAP_KEY, "/v0/api-keys", Map.of("name", "expiring"));
        Instant keyExpires = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
        database.execute("update api_keys set expires_at = ? where api_key_id = ?",
                Timestamp.from(keyExpires), idOf(key));

        String tokenExpires = given().contentType(ContentType.JSON).body(Map.of("api_key", key))
                .post("/internal/keys/verify").then().statusCode(200).extract().path("expires_at");
        // The gateway keeps a verified key until its token expires: a token outliving the key would keep it working.
        assertEquals(keyExpires, Instant.parse(tokenExpires));
    }

    @Test
    void verificationRecordsWhenAKeyWasLastUsed() {
        String key = createKey(BOOTSTRAP_KEY, "/v0/api-keys", Map.of("name", "used"));
        String id = idOf(key);
        await().atMost(Duration.ofSeconds(30)).until(() -> database.query(
                "select 1 from api_keys where api_key_id = ? and used_at is not null", id).size() == 1);
        as(BOOTSTRAP_KEY).get("/v0/api-keys/" + id).then().body("used_at", notNullValue());
    }

    @Test
    void anUnknownKeyIsRefusedWithTheSameAnswer() {
        verifyIsRefused("am_nobody00_" + "x".repeat(43));
        given().contentType(ContentType.JSON).body("{}").post("/internal/keys/verify").then().statusCode(401);
    }

    @Test
    void everyChangeIsPublishedOnAuthEvents() {
        String key = createKey(BOOTSTRAP_KEY, "/v0/api-keys", Map.of("name", "evented"));
        String id = idOf(key);
        as(BOOTSTRAP_KEY).body(Map.of("name", "renamed")).patch("/v0/api-keys/" + id).then().statusCode(200);
        as(BOOTSTRAP_KEY).delete("/v0/api-keys/" + id).then().statusCode(204);

        for (String type : List.of("api_key.created", "api_key.updated", "api_key.revoked")) {
            var record = TopicRecords.await(kafka, "auth.events", id,
                    event -> type.equals(event.path("event_type").asText()));
            var event = TopicRecords.json(record.value());
            assertEquals("event", event.path("type").asText());
            assertEquals("org_default", event.path("organization_id").asText());
            assertEquals(id, event.path("api_key").path("api_key_id").asText());
            assertFalse(record.value().contains(key.substring(key.lastIndexOf('_') + 1)), "no secret in events");
        }
    }

    @Test
    void badInputGetsAValidationErrorNamingIt() {
        as(BOOTSTRAP_KEY).body(Map.of("permissions", Map.of("message_teleport", true))).post("/v0/api-keys").then()
                .statusCode(400).body("name", is("ValidationError"))
                .body("message", containsString("message_teleport"));
        as(BOOTSTRAP_KEY).body(Map.of("permissions", "all")).post("/v0/api-keys").then()
                .statusCode(400).body("name", is("ValidationError"))
                .body("errors[0].field", is("permissions"));
        as(BOOTSTRAP_KEY).body("{not json").post("/v0/api-keys").then()
                .statusCode(400).body("name", is("ValidationError")).body("message", containsString("not valid JSON"));
        as(BOOTSTRAP_KEY).body("{\"name\": \"a\\u0000\"}").post("/v0/api-keys").then()
                .statusCode(400).body("name", is("ValidationError")).body("message", containsString("NUL"));
        as(BOOTSTRAP_KEY).queryParam("limit", "abc").get("/v0/api-keys").then()
                .statusCode(400).body("errors[0].field", is("limit"));
        as(BOOTSTRAP_KEY).queryParam("ascending", "maybe").get("/v0/api-keys").then()
                .statusCode(400).body("errors[0].field", is("ascending"));
        as(BOOTSTRAP_KEY).body(Map.of("public_key", Map.of("kty", "EC"))).post("/v0/api-keys").then()
                .statusCode(400).body("message", containsString("public_key"));
        as(BOOTSTRAP_KEY).queryParam("limit", 0).get("/v0/api-keys").then()
                .statusCode(400).body("message", containsString("limit"));
        as(BOOTSTRAP_KEY).queryParam("page_token", "garbage!").get("/v0/api-keys").then()
                .statusCode(400).body("message", containsString("page_token"));
    }

    private List<String> walk(boolean ascending) {
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            var request = as(BOOTSTRAP_KEY).queryParam("limit", 2).queryParam("ascending", ascending);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            JsonPath page = request.get("/v0/api-keys").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("api_keys.api_key_id");
            assertEquals(ids.size(), page.getInt("count"));
            assertTrue(ids.size() <= 2, "a page holds at most limit keys");
            seen.addAll(ids);
            token = page.getString("next_page_token");
        } while (token != null);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no key twice");
        return seen;
    }

    private String idOf(String key) {
        return given().contentType(ContentType.JSON).body(Map.of("api_key", key)).post("/internal/keys/verify")
                .then().statusCode(200).extract().path("principal.api_key_id");
    }

    static void verifyIsRefused(String key) {
        given().contentType(ContentType.JSON).body(Map.of("api_key", key)).post("/internal/keys/verify").then()
                .statusCode(401)
                .body("name", is("UnauthorizedError"));
    }
}
