package dev.agentmail.thread;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.agentmail.local.testing.InternalTokenClaims;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.local.testing.TopicRecords;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A fresh organization of its own for a test: its inboxes exist here the way they do in production, by inbox.events
 * records on the topic, and requests are made as its keys (internal tokens the gateway would send, signed by the
 * test issuer).
 */
public record TestOrganization(TestIssuer issuer, TestDatabase database, String bootstrapServers, String id) {

    /** Every permission this service checks: what an unrestricted key carries. */
    public static final List<String> ALL_PERMISSIONS = List.of("message_read", "message_send", "message_update",
            "message_delete", "draft_read", "draft_create", "draft_update", "draft_delete", "draft_send",
            "label_spam_read", "label_blocked_read", "label_unauthenticated_read", "label_trash_read");
    public static final String DOMAIN = "agentmail.local";
    public static final String DEFAULT_POD = "pod_default";

    /** A guard against hanging, not a measured expectation. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    public static TestOrganization fresh(TestIssuer issuer, TestDatabase database, String bootstrapServers) {
        return new TestOrganization(issuer, database, bootstrapServers,
                "org_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** A fresh address on our domain; addresses are unique across the deployment. */
    public static String address(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
    }

    /** An inbox in the default pod, known to the service once this returns. */
    public String inbox(String prefix) {
        return inboxInPod(DEFAULT_POD, prefix, null);
    }

    /** An inbox in {@code podId} with a display name (or none), known to the service once this returns. */
    public String inboxInPod(String podId, String prefix, String displayName) {
        String inboxId = address(prefix);
        publishInboxEvent("inbox.created", inboxId, podId, displayName);
        awaitDirectory(inboxId, true);
        return inboxId;
    }

    /** Writes an inbox event as inbox-service would (docs/events.md); answers its event_id. */
    public String publishInboxEvent(String eventType, String inboxId, String podId, String displayName) {
        String eventId = "evt_" + UUID.randomUUID();
        String name = displayName == null ? "null" : "\"" + displayName + "\"";
        TopicRecords.write(bootstrapServers, "inbox.events", inboxId, """
                {"type":"event","event_type":"%s","event_id":"%s","organization_id":"%s",
                 "inbox":{"inbox_id":"%s","pod_id":"%s","email":"%s","display_name":%s,
                          "created_at":"2026-11-25T15:00:00Z","updated_at":"2026-11-25T15:00:00Z"}}"""
                .formatted(eventType, eventId, id, inboxId, podId, inboxId, name));
        return eventId;
    }

    public void awaitDirectory(String inboxId, boolean present) {
        await("inbox " + inboxId + (present ? " in" : " gone from") + " the directory").atMost(PATIENCE)
                .until(() -> database.query("select 1 from inbox_directory where inbox_id = ?", inboxId).isEmpty()
                        != present);
    }

    public RequestSpecification owner() {
        return ownerWith(ALL_PERMISSIONS);
    }

    /** The owner's bearer token, for requests written by hand on a socket. */
    public String ownerToken() {
        return issuer.sign(InternalTokenClaims.organizationKey("key_owner", id, ALL_PERMISSIONS));
    }

    public RequestSpecification ownerWith(List<String> permissions) {
        return as(InternalTokenClaims.organizationKey("key_owner", id, permissions));
    }

    public RequestSpecification podKey(String podId) {
        return as(InternalTokenClaims.podKey("key_pod", id, podId, ALL_PERMISSIONS));
    }

    public RequestSpecification inboxKey(String podId, String inboxId) {
        return as(InternalTokenClaims.inboxKey("key_inbox", id, podId, inboxId, ALL_PERMISSIONS));
    }

    private RequestSpecification as(InternalTokenClaims claims) {
        return given().auth().oauth2(issuer.sign(claims)).contentType(ContentType.JSON);
    }
}
