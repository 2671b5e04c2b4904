package dev.agentmail.inbox.pod;

import dev.agentmail.runtime.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The pod lifecycle events on {@code inbox.events}, keyed by pod_id (docs/events.md): auth-service and
 * thread-service learn from them which pods exist. They go through the outbox inside the caller's transaction, so
 * the change and its event commit together or not at all.
 */
@ApplicationScoped
public class PodEvents {

    static final String TOPIC = "inbox.events";

    /** The record value: AgentMail's event envelope around the pod as the API shows it, and its organization. */
    record PodEvent(String type, String eventType, String eventId, String organizationId, PodJson.PodView pod) {
    }

    private final Outbox outbox;

    PodEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> created(Pod pod) {
        return append("pod.created", pod);
    }

    public Uni<Void> deleted(Pod pod) {
        return append("pod.deleted", pod);
    }

    /**
     * Flushes the change first, so that the pod's row is locked before its event is appended: the events of one pod
     * then enter the outbox in the order of its changes (see {@link Outbox#append}).
     */
    private Uni<Void> append(String eventType, Pod pod) {
        String eventId = "evt_" + UUID.randomUUID();
        PodEvent event = new PodEvent("event", eventType, eventId, pod.organizationId, PodJson.PodView.of(pod));
        return Panache.flush().chain(() -> outbox.appendJson(TOPIC, pod.id, eventType, eventId, event));
    }
}
