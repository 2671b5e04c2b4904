package dev.agentmail.auth.inbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.local.testing.DocumentedEvents;
import dev.agentmail.local.testing.TopicRecords;
import java.util.UUID;

/** Plays inbox-service: writes inbox events to inbox.events, the example of docs/events.md with a test's ids. */
public final class InboxEventsFeed {

    private InboxEventsFeed() {
    }

    public static void created(String bootstrapServers, String organizationId, String inboxId, String podId) {
        write(bootstrapServers, "inbox.created", organizationId, inboxId, podId);
    }

    public static void deleted(String bootstrapServers, String organizationId, String inboxId, String podId) {
        write(bootstrapServers, "inbox.deleted", organizationId, inboxId, podId);
    }

    private static void write(String bootstrapServers, String type, String organizationId, String inboxId,
                              String podId) {
        ObjectNode event = DocumentedEvents.example("inbox.created");
        event.put("event_type", type).put("event_id", "evt_" + UUID.randomUUID())
                .put("organization_id", organizationId);
        ((ObjectNode) event.get("inbox")).put("inbox_id", inboxId).put("email", inboxId).put("pod_id", podId);
        TopicRecords.write(bootstrapServers, "inbox.events", inboxId, event.toString());
    }
}
