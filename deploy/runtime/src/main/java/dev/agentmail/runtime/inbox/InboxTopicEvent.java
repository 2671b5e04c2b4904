package dev.agentmail.runtime.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * An inbox.events record as the services that follow the topic read it (docs/events.md): the fields they need, the
 * rest ignored, so inbox-service may add to its events without breaking them.
 *
 * @param inboxId     lower case; null for a pod's event
 * @param displayName the inbox's display name, if any; null for a pod's event
 */
public record InboxTopicEvent(String eventId, String eventType, String organizationId, String podId, String inboxId,
                              String displayName) {

    /** The topic, keyed by inbox_id (a pod's events by pod_id). */
    public static final String TOPIC = "inbox.events";

    private static final Logger LOG = Logger.getLogger(InboxTopicEvent.class);

    /** The event, or null (logged) when the value is not an inbox or pod event we can read: skip such a record. */
    public static InboxTopicEvent parse(ObjectMapper json, String value) {
        try {
            JsonNode event = json.readTree(value);
            String eventId = event.path("event_id").asText(null);
            String eventType = event.path("event_type").asText(null);
            String organizationId = event.path("organization_id").asText(null);
            if (eventId == null || eventType == null || organizationId == null) {
                LOG.warnf("skipping an inbox.events record without event_id, event_type or organization_id");
                return null;
            }
            if (eventType.startsWith("pod.")) {
                String podId = event.path("pod").path("pod_id").asText(null);
                if (podId == null) {
                    LOG.warnf("skipping a %s record without pod.pod_id", eventType);
                    return null;
                }
                return new InboxTopicEvent(eventId, eventType, organizationId, podId, null, null);
            }
            JsonNode inbox = event.path("inbox");
            String inboxId = inbox.path("inbox_id").asText("").toLowerCase(Locale.ROOT);
            String podId = inbox.path("pod_id").asText(null);
            if (inboxId.isEmpty() || podId == null) {
                LOG.warnf("skipping an inbox.events record without inbox.inbox_id or inbox.pod_id");
                return null;
            }
            return new InboxTopicEvent(eventId, eventType, organizationId, podId, inboxId,
                    inbox.path("display_name").asText(null));
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a record without a value.
            LOG.warnf("skipping an inbox.events record that is not a JSON event: %s", e.getMessage());
            return null;
        }
    }
}
