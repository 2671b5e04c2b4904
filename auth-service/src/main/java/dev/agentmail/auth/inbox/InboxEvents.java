package dev.agentmail.auth.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.auth.apikey.ApiKey;
import dev.agentmail.auth.apikey.ApiKeys;
import dev.agentmail.runtime.consumer.NativeUpdate;
import dev.agentmail.runtime.consumer.ProcessedEvents;
import dev.agentmail.runtime.inbox.InboxTopicEvent;
import dev.agentmail.runtime.pod.KnownPods;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows inbox.events (docs/events.md) to know which inboxes and pods exist: an inbox or pod key can only be made
 * for one of them, the organization's {@code inbox_count} follows the inboxes, and the deletion of an inbox or a
 * pod revokes its keys. A tolerant reader: it takes the fields it needs and ignores the rest. Each event applies
 * once (processed_events), so redelivery is harmless; a failure to apply is retried, and only an event that fails
 * every attempt while the database answers is set aside as a dead letter. A poll's records apply in one transaction
 * (ProcessedEvents).
 */
@ApplicationScoped
public class InboxEvents {

    private final ObjectMapper json;
    private final ApiKeys keys;
    private final ProcessedEvents processed;

    InboxEvents(ObjectMapper json, ApiKeys keys, ProcessedEvents processed) {
        this.json = json;
        this.keys = keys;
        this.processed = processed;
    }

    @Incoming("inbox-events")
    @ActivateRequestContext
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return processed.applyOnce(records, record -> {
            InboxTopicEvent event = InboxTopicEvent.parse(json, record.value());
            return event == null ? null
                    : new ProcessedEvents.Applicable(event.eventId(), event.eventType(), () -> apply(event));
        });
    }

    private Uni<Void> apply(InboxTopicEvent event) {
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

    private static Uni<Void> remember(InboxTopicEvent event) {
        return NativeUpdate.execute("""
                        insert into known_inboxes (inbox_id, organization_id, pod_id) values (?1, ?2, ?3)
                        on conflict (inbox_id) do nothing""",
                event.inboxId(), event.organizationId(), event.podId())
                .chain(inserted -> inserted == 0 ? Uni.createFrom().voidItem()
                        : countInboxes(event.organizationId(), +1));
    }

    private Uni<Void> forget(InboxTopicEvent event) {
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
}
