package dev.agentmail.auth.pod;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.local.testing.DocumentedEvents;
import dev.agentmail.local.testing.TopicRecords;
import java.util.UUID;

/** Plays inbox-service: writes pod events to inbox.events, the example of docs/events.md with this test's ids. */
public final class PodEventsFeed {

    private PodEventsFeed() {
    }

    /** Answers the event's id. */
    public static String created(String bootstrapServers, String organizationId, String podId) {
        return write(bootstrapServers, "pod.created", "evt_" + UUID.randomUUID(), organizationId, podId);
    }

    public static String deleted(String bootstrapServers, String organizationId, String podId) {
        return write(bootstrapServers, "pod.deleted", "evt_" + UUID.randomUUID(), organizationId, podId);
    }

    /** An event delivered again, with the id it had. */
    public static void redelivered(String bootstrapServers, String eventType, String eventId, String organizationId,
                            String podId) {
        write(bootstrapServers, eventType, eventId, organizationId, podId);
    }

    private static String write(String bootstrapServers, String eventType, String eventId, String organizationId,
                                String podId) {
        ObjectNode event = DocumentedEvents.example("pod.created");
        event.put("event_type", eventType).put("event_id", eventId).put("organization_id", organizationId);
        ((ObjectNode) event.get("pod")).put("pod_id", podId);
        TopicRecords.write(bootstrapServers, "inbox.events", podId, event.toString());
        return eventId;
    }
}
