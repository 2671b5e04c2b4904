package dev.agentmail.auth.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentmail.auth.security.Principals;
import dev.agentmail.auth.token.InternalTokens;
import dev.agentmail.runtime.security.Principal;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /v0/auth/me} answers the SDK's Identity for the key behind the internal token, whatever its scope. */
@QuarkusTest
class IdentityResourceTest {

    @Inject
    InternalTokens internalTokens;

    @Test
    void organizationKeyIsIdentifiedByItsOrganization() {
        Principal key = Principals.organizationKey("inbox_read");
        assertEquals(Map.of(
                "scope_type", "organization",
                "scope_id", key.organizationId(),
                "organization_id", key.organizationId(),
                "api_key_id", key.apiKeyId()), me(key));
    }

    @Test
    void podKeyIsIdentifiedByItsPod() {
        Principal key = Principals.podKey("inbox_read", "message_send");
        assertEquals(Map.of(
                "scope_type", "pod",
                "scope_id", key.podId(),
                "organization_id", key.organizationId(),
                "pod_id", key.podId(),
                "api_key_id", key.apiKeyId()), me(key));
    }

    @Test
    void inboxKeyIsIdentifiedByItsInbox() {
        Principal key = Principals.inboxKey();
        assertEquals(Map.of(
                "scope_type", "inbox",
                "scope_id", key.inboxId(),
                "organization_id", key.organizationId(),
                "pod_id", key.podId(),
                "inbox_id", key.inboxId(),
                "api_key_id", key.apiKeyId()), me(key));
    }

    private Map<String, Object> me(Principal key) {
        String token = internalTokens.issue(key).await().indefinitely().token();
        return given().auth().oauth2(token).get("/v0/auth/me").then()
                .statusCode(200)
                .contentType("application/json")
                .extract().jsonPath().getMap("");
    }
}
