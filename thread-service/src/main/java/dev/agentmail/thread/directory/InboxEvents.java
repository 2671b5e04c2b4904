package dev.agentmail.thread.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.runtime.consumer.NativeUpdate;
import dev.agentmail.runtime.consumer.ProcessedEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the inbox directory from inbox.events (docs/events.md): created and updated inboxes are upserted, a deleted
 * inbox is removed together with its threads, messages, drafts and queued deliveries. A tolerant reader of its own
 * copy of the event: it takes the fields it needs and ignores the rest.
 *
 * <p>Each event applies once (processed_events, in the same transaction), so redelivery is harmless. A record that
 * is not an inbox event is logged and skipped; a failure to apply one is retried with back-off, never skipped, so
 * no deletion is missed (the partition waits meanwhile, which keeps one inbox's events in order).
 */
@ApplicationScoped
public class InboxEvents {

    private static final Logger LOG = Logger.getLogger(InboxEvents.class);

    /** The fields of an inbox event that matter here. */
    record InboxEvent(String eventId, String eventType, String organizationId, String inboxId, String podId,
                      String displayName) {
    }

    private final ObjectMapper json;

    InboxEvents(ObjectMapper json) {
        this.json = json;
    }

    @Incoming("inbox-events")
    @ActivateRequestContext
    public Uni<Void> consume(String value) {
        InboxEvent event = parse(value);
        if (event == null) {
            return Uni.createFrom().voidItem();
        }
        return ProcessedEvents.applyOnce(event.eventId(), event.eventType(), () -> apply(event));
    }

    private static Uni<Void> apply(InboxEvent event) {
        return switch (event.eventType()) {
            case "inbox.created", "inbox.updated" -> remember(event);
            case "inbox.deleted" -> forget(event.inboxId());
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<Void> remember(InboxEvent event) {
        return NativeUpdate.execute("""
                        insert into inbox_directory (inbox_id, organization_id, pod_id, display_name)
                        values (?1, ?2, ?3, ?4)
                        on conflict (inbox_id) do update set organization_id = excluded.organization_id,
                            pod_id = excluded.pod_id, display_name = excluded.display_name""",
                event.inboxId(), event.organizationId(), event.podId(), event.displayName())
                .replaceWithVoid();
    }

    /** The inbox and all it holds; its messages take their raw content and queued deliveries with them. */
    private static Uni<Void> forget(String inboxId) {
        return NativeUpdate.execute("delete from inbox_directory where inbox_id = ?1", inboxId)
                .chain(() -> InboxContents.delete(inboxId));
    }

    /** The event, or null (logged) when it is not an inbox event we can read: such a record is skipped. */
    private InboxEvent parse(String value) {
        try {
            JsonNode event = json.readTree(value);
            JsonNode inbox = event.path("inbox");
            InboxEvent parsed = new InboxEvent(event.path("event_id").asText(null),
                    event.path("event_type").asText(null), event.path("organization_id").asText(null),
                    inbox.path("inbox_id").asText("").toLowerCase(Locale.ROOT), inbox.path("pod_id").asText(null),
                    inbox.path("display_name").asText(null));
            if (parsed.eventId() == null || parsed.eventType() == null || parsed.organizationId() == null
                    || parsed.inboxId().isEmpty() || parsed.podId() == null) {
                LOG.warnf("skipping an inbox.events record without event_id, event_type, organization_id, "
                        + "inbox.inbox_id or inbox.pod_id");
                return null;
            }
            return parsed;
        } catch (IOException e) {
            LOG.warnf("skipping an inbox.events record that is not JSON: %s", e.getMessage());
            return null;
        }
    }
}
