package dev.agentmail.thread;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.local.testing.DocumentedEvents;
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

    /** Writes an inbox event as inbox-service would: the example of docs/events.md with these ids; answers its id. */
    public String publishInboxEvent(String eventType, String inboxId, String podId, String displayName) {
        String eventId = "evt_" + UUID.randomUUID();
        ObjectNode event = DocumentedEvents.example("inbox.created");
        event.put("event_type", eventType).put("event_id", eventId).put("organization_id", id);
        ((ObjectNode) event.get("inbox")).put("inbox_id", inboxId).put("email", inboxId).put("pod_id", podId)
                .put("display_name", displayName);
        TopicRecords.write(bootstrapServers, "inbox.events", inboxId, event.toString());
        return eventId;
    }

    /** Writes a pod event as inbox-service would, keyed by the pod; answers its event_id. */
    public String publishPodEvent(String eventType, String podId) {
        return publishPodEvent(eventType, podId, "evt_" + UUID.randomUUID());
    }

    /** Writes a pod event with this event_id (a redelivery, when it was written before). */
    public String publishPodEvent(String eventType, String podId, String eventId) {
        ObjectNode event = DocumentedEvents.example("pod.created");
        event.put("event_type", eventType).put("event_id", eventId).put("organization_id", id);
        ((ObjectNode) event.get("pod")).put("pod_id", podId);
        TopicRecords.write(bootstrapServers, "inbox.events", podId, event.toString());
        return eventId;
    }

    /** Waits until the service has applied this event (and so every event before it on the same key). */
    public void awaitApplied(String eventId) {
        await("event " + eventId + " applied").atMost(PATIENCE)
                .until(() -> !database.query("select 1 from processed_events where event_id = ?", eventId).isEmpty());
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
