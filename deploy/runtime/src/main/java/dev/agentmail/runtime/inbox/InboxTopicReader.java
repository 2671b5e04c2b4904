package dev.agentmail.runtime.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.runtime.consumer.ProcessedEvents;
import dev.agentmail.runtime.pod.KnownPods;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * How a service follows inbox.events (docs/events.md) into its own copy of which inboxes and pods exist. The pods
 * are kept the same way everywhere ({@link KnownPods}); what a service keeps of an inbox, and what an inbox's or a
 * pod's deletion takes with it, is the service's {@link ReadModel}.
 *
 * <p>A poll's records apply in one transaction, each event once (processed_events), so redelivery is harmless. A
 * record that is not an inbox or pod event is logged and skipped; a failure to apply is retried, and only an event
 * that fails every attempt while the database answers is set aside as a dead letter ({@link ProcessedEvents}).
 */
@ApplicationScoped
public class InboxTopicReader {

    /** A service's copy of the inboxes; each method runs in the poll's transaction. */
    public interface ReadModel {

        /** An inbox was created or changed. */
        Uni<Void> inboxKnown(InboxTopicEvent event);

        Uni<Void> inboxDeleted(InboxTopicEvent event);

        /** A pod was deleted; it held no inboxes by then (each went with its own inbox.deleted). */
        default Uni<Void> podDeleted(InboxTopicEvent event) {
            return Uni.createFrom().voidItem();
        }
    }

    private final ObjectMapper json;
    private final ProcessedEvents processed;

    InboxTopicReader(ObjectMapper json, ProcessedEvents processed) {
        this.json = json;
        this.processed = processed;
    }

    /** Applies a poll's records to the read model; call it from the service's {@code @Incoming} method. */
    public Uni<Void> apply(ConsumerRecords<String, String> records, ReadModel model) {
        return processed.applyOnce(records, record -> {
            InboxTopicEvent event = InboxTopicEvent.parse(json, record.value());
            return event == null ? null
                    : new ProcessedEvents.Applicable(event.eventId(), event.eventType(), () -> apply(event, model));
        });
    }

    private static Uni<Void> apply(InboxTopicEvent event, ReadModel model) {
        return switch (event.eventType()) {
            // An inbox's event may be read before its pod's (another key): the pod it names exists.
            case "inbox.created", "inbox.updated" -> KnownPods.named(event.organizationId(), event.podId())
                    .chain(() -> model.inboxKnown(event));
            case "inbox.deleted" -> model.inboxDeleted(event);
            case "pod.created" -> KnownPods.created(event.organizationId(), event.podId());
            case "pod.deleted" -> KnownPods.deleted(event.organizationId(), event.podId())
                    .chain(() -> model.podDeleted(event));
            default -> Uni.createFrom().voidItem();
        };
    }
}
