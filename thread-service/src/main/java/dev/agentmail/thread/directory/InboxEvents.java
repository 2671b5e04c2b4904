package dev.agentmail.thread.directory;

import dev.agentmail.runtime.consumer.NativeUpdate;
import dev.agentmail.runtime.inbox.InboxTopicEvent;
import dev.agentmail.runtime.inbox.InboxTopicReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the inbox directory from inbox.events (docs/events.md, read by {@link InboxTopicReader}): created and
 * updated inboxes are upserted, a deleted inbox is removed together with its threads, messages, drafts and queued
 * deliveries. A deleted pod takes nothing more: its inboxes, and their mail, went with their own inbox.deleted.
 */
@ApplicationScoped
public class InboxEvents implements InboxTopicReader.ReadModel {

    /** The topic, keyed by inbox_id (a pod's events by pod_id). */
    public static final String TOPIC = InboxTopicEvent.TOPIC;

    private final InboxTopicReader reader;

    InboxEvents(InboxTopicReader reader) {
        this.reader = reader;
    }

    @Incoming("inbox-events")
    @ActivateRequestContext
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return reader.apply(records, this);
    }

    @Override
    public Uni<Void> inboxKnown(InboxTopicEvent event) {
        return NativeUpdate.execute("""
                        insert into inbox_directory (inbox_id, organization_id, pod_id, display_name)
                        values (?1, ?2, ?3, ?4)
                        on conflict (inbox_id) do update set organization_id = excluded.organization_id,
                            pod_id = excluded.pod_id, display_name = excluded.display_name""",
                event.inboxId(), event.organizationId(), event.podId(), event.displayName())
                .replaceWithVoid();
    }

    /** The inbox and all it holds; its messages take their raw content and queued deliveries with them. */
    @Override
    public Uni<Void> inboxDeleted(InboxTopicEvent event) {
        return NativeUpdate.execute("delete from inbox_directory where inbox_id = ?1", event.inboxId())
                .chain(() -> InboxContents.delete(event.inboxId()));
    }
}
