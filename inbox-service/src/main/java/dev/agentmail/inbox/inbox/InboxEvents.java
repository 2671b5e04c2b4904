package dev.agentmail.inbox.inbox;

import dev.agentmail.runtime.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The inbox lifecycle events on {@code inbox.events}, keyed by inbox_id (docs/events.md). They go through the
 * outbox inside the caller's transaction: the change and its event commit together or not at all.
 */
@ApplicationScoped
public class InboxEvents {

    static final String TOPIC = "inbox.events";

    /** The record value: AgentMail's event envelope around the inbox as the API shows it, and its organization. */
    record InboxEvent(String type, String eventType, String eventId, String organizationId, InboxJson.InboxView inbox) {
    }

    private final Outbox outbox;

    InboxEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> created(Inbox inbox) {
        return append("inbox.created", inbox);
    }

    public Uni<Void> updated(Inbox inbox) {
        return append("inbox.updated", inbox);
    }

    public Uni<Void> deleted(Inbox inbox) {
        return append("inbox.deleted", inbox);
    }

    /**
     * Flushes the change before appending its event, so that the inbox's row is locked first: a concurrent change
     * of the same inbox then waits for this transaction's commit before it appends, and the events of one inbox
     * keep the order of the changes (see {@link Outbox#append}).
     */
    private Uni<Void> append(String eventType, Inbox inbox) {
        String eventId = "evt_" + UUID.randomUUID();
        InboxEvent event = new InboxEvent("event", eventType, eventId, inbox.organizationId,
                InboxJson.InboxView.of(inbox));
        return Panache.flush().chain(() -> outbox.appendJson(TOPIC, inbox.id, eventType, eventId, event));
    }
}
