package dev.agentmail.auth.inbox;

import dev.agentmail.local.testing.TopicRecords;
import java.util.UUID;

/** Plays inbox-service: writes inbox events to inbox.events in the documented shape (docs/events.md). */
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
        String event = """
                {"type":"event","event_type":"%s","event_id":"evt_%s","organization_id":"%s",
                 "inbox":{"inbox_id":"%s","pod_id":"%s","email":"%s","display_name":"Test",
                          "created_at":"2026-11-25T15:00:00Z","updated_at":"2026-11-25T15:00:00Z"}}"""
                .formatted(type, UUID.randomUUID(), organizationId, inboxId, podId, inboxId);
        TopicRecords.write(bootstrapServers, "inbox.events", inboxId, event);
    }
}
