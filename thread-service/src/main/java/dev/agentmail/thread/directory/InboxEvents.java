package dev.agentmail.thread.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.runtime.consumer.NativeUpdate;
import dev.agentmail.runtime.consumer.ProcessedEvents;
import dev.agentmail.runtime.pod.KnownPods;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.io.IOException;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the inbox directory and the known pods from inbox.events (docs/events.md): created and updated inboxes are
 * upserted, a deleted inbox is removed together with its threads, messages, drafts and queued deliveries; created
 * pods, and the pods inbox events name, are known, deleted ones are not. A tolerant reader of its own copy of the
 * events: it takes the fields it needs and ignores the rest.
 *
 * <p>Each event applies once (processed_events, in the same transaction), so redelivery is harmless. A record that
 * is not an inbox event is logged and skipped; a failure to apply one is retried with back-off, never skipped, so
 * no deletion is missed (the partition waits meanwhile, which keeps one inbox's events in order).
 */
@ApplicationScoped
public class InboxEvents {

    /** The topic, keyed by inbox_id (a pod's events by pod_id). */
    public static final String TOPIC = "inbox.events";

    private static final Logger LOG = Logger.getLogger(InboxEvents.class);

    /** The fields of an inbox.events record that matter here; {@code inboxId} is null for a pod's event. */
    record TopicEvent(String eventId, String eventType, String organizationId, String podId, String inboxId,
                      String displayName) {
    }

    private final ObjectMapper json;

    InboxEvents(ObjectMapper json) {
        this.json = json;
    }

    @Incoming("inbox-events")
    @ActivateRequestContext
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        TopicEvent event = parse(record.value());
        if (event == null) {
            return ProcessedEvents.passOver(record);
        }
        return ProcessedEvents.applyOnce(record, event.eventId(), event.eventType(), () -> apply(event));
    }

    private static Uni<Void> apply(TopicEvent event) {
        return switch (event.eventType()) {
            // An inbox's event may be read before its pod's (another key): the pod it names exists.
            case "inbox.created", "inbox.updated" -> KnownPods.named(event.organizationId(), event.podId())
                    .chain(() -> remember(event));
            case "inbox.deleted" -> forget(event.inboxId());
            case "pod.created" -> KnownPods.created(event.organizationId(), event.podId());
            // Its inboxes, and their mail, went with their own inbox.deleted: a pod is deleted only once empty.
            case "pod.deleted" -> KnownPods.deleted(event.organizationId(), event.podId());
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<Void> remember(TopicEvent event) {
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

    /** The event, or null (logged) when it is not an inbox or pod event we can read: such a record is skipped. */
    private TopicEvent parse(String value) {
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
                return new TopicEvent(eventId, eventType, organizationId, podId, null, null);
            }
            JsonNode inbox = event.path("inbox");
            String inboxId = inbox.path("inbox_id").asText("").toLowerCase(Locale.ROOT);
            String podId = inbox.path("pod_id").asText(null);
            if (inboxId.isEmpty() || podId == null) {
                LOG.warnf("skipping an inbox.events record without inbox.inbox_id or inbox.pod_id");
                return null;
            }
            return new TopicEvent(eventId, eventType, organizationId, podId, inboxId,
                    inbox.path("display_name").asText(null));
        } catch (IOException e) {
            LOG.warnf("skipping an inbox.events record that is not JSON: %s", e.getMessage());
            return null;
        }
    }
}
