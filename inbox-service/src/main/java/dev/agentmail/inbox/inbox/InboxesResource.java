package dev.agentmail.inbox.inbox;

import dev.agentmail.runtime.security.Caller;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;

/**
 * AgentMail's two inbox collections: the organization's ({@code /v0/inboxes}) and a pod's
 * ({@code /v0/pods/{pod_id}/inboxes}), each served by the same {@link InboxCollectionResource}.
 */
@Path("/v0")
public class InboxesResource {

    private final Inboxes inboxes;
    private final Caller caller;

    InboxesResource(Inboxes inboxes, Caller caller) {
        this.inboxes = inboxes;
        this.caller = caller;
    }

    @Path("inboxes")
    public InboxCollectionResource organization() {
        return at(InboxCollection.organization());
    }

    @Path("pods/{pod_id}/inboxes")
    public InboxCollectionResource pod(@RestPath("pod_id") String podId) {
        return at(InboxCollection.pod(podId));
    }

    private InboxCollectionResource at(InboxCollection collection) {
        return new InboxCollectionResource(inboxes, caller.principal(), collection);
    }
}
