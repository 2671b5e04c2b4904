package dev.agentmail.inbox.inbox;

import dev.agentmail.runtime.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The inbox lifecycle events on {@code inbox.events}, keyed by inbox_id (docs/events.md): the inbox as the API
 * shows it, in AgentMail's event envelope with its organization. They go through the outbox inside the caller's
 * transaction: the change and its event commit together or not at all.
 */
@ApplicationScoped
public class InboxEvents {

    static final String TOPIC = "inbox.events";

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

    private Uni<Void> append(String eventType, Inbox inbox) {
        return outbox.appendChange(TOPIC, inbox.id, eventType, inbox.organizationId, "inbox",
                InboxJson.InboxView.of(inbox));
    }
}
