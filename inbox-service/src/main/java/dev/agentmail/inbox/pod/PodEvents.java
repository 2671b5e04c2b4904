package dev.agentmail.inbox.pod;

import dev.agentmail.runtime.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The pod lifecycle events on {@code inbox.events}, keyed by pod_id (docs/events.md): auth-service and
 * thread-service learn from them which pods exist. The pod as the API shows it, in AgentMail's event envelope with
 * its organization, through the outbox inside the caller's transaction.
 */
@ApplicationScoped
public class PodEvents {

    static final String TOPIC = "inbox.events";

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

    private Uni<Void> append(String eventType, Pod pod) {
        return outbox.appendChange(TOPIC, pod.id, eventType, pod.organizationId, "pod", PodJson.PodView.of(pod));
    }
}
