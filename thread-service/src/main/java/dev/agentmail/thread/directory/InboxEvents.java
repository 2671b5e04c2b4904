package dev.agentmail.thread.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.runtime.consumer.NativeUpdate;
import dev.agentmail.runtime.consumer.ProcessedEvents;
import dev.agentmail.runtime.inbox.InboxTopicEvent;
import dev.agentmail.runtime.pod.KnownPods;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the inbox directory and the known pods from inbox.events (docs/events.md): created and updated inboxes are
 * upserted, a deleted inbox is removed together with its threads, messages, drafts and queued deliveries; created
 * pods, and the pods inbox events name, are known, deleted ones are not. A tolerant reader of its own copy of the
 * events: it takes the fields it needs and ignores the rest.
 *
 * <p>A poll's records apply in one transaction, each event once (processed_events), so redelivery is harmless. A
 * record that is not an inbox event is logged and skipped; a failure to apply is retried with back-off, and only an
 * event that fails every attempt while the database answers is set aside as a dead letter (ProcessedEvents).
 */
@ApplicationScoped
public class InboxEvents {

    /** The topic, keyed by inbox_id (a pod's events by pod_id). */
    public static final String TOPIC = InboxTopicEvent.TOPIC;

    private final ObjectMapper json;
    private final ProcessedEvents processed;

    InboxEvents(ObjectMapper json, ProcessedEvents processed) {
        this.json = json;
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

    private static Uni<Void> apply(InboxTopicEvent event) {
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

    private static Uni<Void> remember(InboxTopicEvent event) {
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
}
