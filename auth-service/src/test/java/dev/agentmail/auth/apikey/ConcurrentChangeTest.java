package dev.agentmail.auth.apikey;

import static dev.agentmail.auth.Callers.BOOTSTRAP_KEY;
import static dev.agentmail.auth.Callers.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A change to a key that overlaps its revocation cannot undo the revocation. */
@QuarkusTest
class ConcurrentChangeTest {

    @InjectTestDatabase
    TestDatabase database;

    @Test
    void aPatchThatMeetsARevocationInFlightFindsTheKeyRevokedAndLeavesItSo() throws Exception {
        String id = as(BOOTSTRAP_KEY).body(Map.of("name", "raced")).post("/v0/api-keys")
                .then().statusCode(200).extract().path("api_key_id");
        // The PATCH starts while the revocation is uncommitted: it reads the key as live unless it waits. The pause
        // gives it time to reach the database; the outcome must not depend on it.
        CompletableFuture<Integer> patch = database.whileUncommitted(
                "update api_keys set revoked_at = now() where api_key_id = ?", List.of(id), () -> {
                    CompletableFuture<Integer> started = CompletableFuture.supplyAsync(() -> as(BOOTSTRAP_KEY)
                            .body(Map.of("name", "renamed")).patch("/v0/api-keys/" + id).statusCode());
                    Thread.sleep(500);
                    return started;
                });
        assertEquals(404, patch.get().intValue(), "the PATCH's answer");
        assertNotNull(database.query("select revoked_at from api_keys where api_key_id = ?", id).get(0)
                .get("revoked_at"), "revoked_at after the PATCH");
    }
}
