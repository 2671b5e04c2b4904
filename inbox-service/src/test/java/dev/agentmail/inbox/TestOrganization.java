package dev.agentmail.inbox;

import static io.restassured.RestAssured.given;

import dev.agentmail.local.testing.InternalTokenClaims;
import dev.agentmail.local.testing.TestIssuer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh organization of its own for a test, and requests made as its keys (internal tokens the gateway would
 * send, signed by the test issuer). Addresses are unique across the deployment, so {@link #username} makes fresh
 * ones.
 */
public record TestOrganization(TestIssuer issuer, String id) {

    /** Every permission this service checks: what an unrestricted key carries. */
    public static final List<String> ALL_PERMISSIONS = List.of("inbox_read", "inbox_create", "inbox_update",
            "inbox_delete", "pod_read", "pod_create", "pod_delete");
    /** What an inbox key can hold here (docs/internal-token.md: resolved against the scope). */
    public static final List<String> INBOX_KEY_PERMISSIONS = List.of("inbox_read");

    public static TestOrganization fresh(TestIssuer issuer) {
        return new TestOrganization(issuer, "org_" + UUID.randomUUID().toString().replace("-", ""));
    }

    public static String username(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public RequestSpecification owner() {
        return ownerWith(ALL_PERMISSIONS);
    }

    public RequestSpecification ownerWith(List<String> permissions) {
        return as(InternalTokenClaims.organizationKey("key_owner", id, permissions));
    }

    public RequestSpecification podKey(String podId) {
        return as(InternalTokenClaims.podKey("key_pod", id, podId, ALL_PERMISSIONS));
    }

    public RequestSpecification inboxKey(String podId, String inboxId) {
        return as(InternalTokenClaims.inboxKey("key_inbox", id, podId, inboxId, INBOX_KEY_PERMISSIONS));
    }

    /** Creates an inbox in the organization's default pod with {@code body}; answers the inbox as JSON. */
    public Map<String, Object> createInbox(Map<String, ?> body) {
        return owner().body(body).post("/v0/inboxes").then().statusCode(200).extract().jsonPath().getMap("");
    }

    /** Creates an inbox in {@code podId}; answers its id. */
    public String createInboxInPod(String podId, String username) {
        return owner().body(Map.of("username", username)).post("/v0/pods/" + podId + "/inboxes")
                .then().statusCode(200).extract().path("inbox_id");
    }

    /** Creates a pod; answers its id. */
    public String createPod(String name) {
        return owner().body(Map.of("name", name)).post("/v0/pods").then().statusCode(200).extract().path("pod_id");
    }

    private RequestSpecification as(InternalTokenClaims claims) {
        return given().auth().oauth2(issuer.sign(claims)).contentType(ContentType.JSON);
    }
}
