package dev.agentmail.auth.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.auth.apikey.ApiKey;
import dev.agentmail.auth.apikey.ApiKeys;
import dev.agentmail.runtime.consumer.NativeUpdate;
import dev.agentmail.runtime.consumer.ProcessedEvents;
import dev.agentmail.runtime.pod.KnownPods;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows inbox.events (docs/events.md) to know which inboxes and pods exist: an inbox or pod key can only be made
 * for one of them, the organization's {@code inbox_count} follows the inboxes, and the deletion of an inbox or a
 * pod revokes its keys. A tolerant reader: it takes the fields it needs and ignores the rest. Each event applies
 * once (processed_events), so redelivery is harmless; a failure to apply is retried, never skipped, so no deletion
 * is missed.
 */
@ApplicationScoped
public class InboxEvents {

    private static final Logger LOG = Logger.getLogger(InboxEvents.class);

    /** The fields of an inbox.events record that matter here; {@code inboxId} is null for a pod's event. */
    record TopicEvent(String eventId, String eventType, String organizationId, String podId, String inboxId) {
    }

    private final ObjectMapper json;
    private final ApiKeys keys;

    InboxEvents(ObjectMapper json, ApiKeys keys) {
        this.json = json;
        this.keys = keys;
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

    private Uni<Void> apply(TopicEvent event) {
        return switch (event.eventType()) {
            // An inbox's event may be read before its pod's (another key): the pod it names exists.
            case "inbox.created", "inbox.updated" -> KnownPods.named(event.organizationId(), event.podId())
                    .chain(() -> remember(event));
            case "inbox.deleted" -> forget(event);
            case "pod.created" -> KnownPods.created(event.organizationId(), event.podId());
            case "pod.deleted" -> KnownPods.deleted(event.organizationId(), event.podId())
                    .chain(() -> ApiKey.<ApiKey>list("organizationId = ?1 and podId = ?2 and revokedAt is null",
                            event.organizationId(), event.podId()))
                    .chain(this::revokeAll);
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<Void> remember(TopicEvent event) {
        return NativeUpdate.execute("""
                        insert into known_inboxes (inbox_id, organization_id, pod_id) values (?1, ?2, ?3)
                        on conflict (inbox_id) do nothing""",
                event.inboxId(), event.organizationId(), event.podId())
                .chain(inserted -> inserted == 0 ? Uni.createFrom().voidItem()
                        : countInboxes(event.organizationId(), +1));
    }

    private Uni<Void> forget(TopicEvent event) {
        return NativeUpdate.execute("delete from known_inboxes where inbox_id = ?1", event.inboxId())
                .chain(deleted -> deleted == 0 ? Uni.createFrom().voidItem()
                        : countInboxes(event.organizationId(), -1))
                .chain(() -> ApiKey.<ApiKey>list("inboxId = ?1 and revokedAt is null", event.inboxId()))
                .chain(this::revokeAll);
    }

    private Uni<Void> revokeAll(List<ApiKey> live) {
        return Multi.createFrom().iterable(live)
                .onItem().transformToUniAndConcatenate(keys::revoke)
                .collect().last();
    }

    private static Uni<Void> countInboxes(String organizationId, int change) {
        return NativeUpdate.execute("""
                        update organizations set inbox_count = greatest(inbox_count + ?1, 0), updated_at = now()
                        where organization_id = ?2""", change, organizationId)
                .replaceWithVoid();
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
                return new TopicEvent(eventId, eventType, organizationId, podId, null);
            }
            JsonNode inbox = event.path("inbox");
            String inboxId = inbox.path("inbox_id").asText("").toLowerCase(Locale.ROOT);
            String podId = inbox.path("pod_id").asText(null);
            if (inboxId.isEmpty() || podId == null) {
                LOG.warnf("skipping an inbox.events record without inbox.inbox_id or inbox.pod_id");
                return null;
            }
            return new TopicEvent(eventId, eventType, organizationId, podId, inboxId);
        } catch (IOException e) {
            LOG.warnf("skipping an inbox.events record that is not JSON: %s", e.getMessage());
            return null;
        }
    }
}
