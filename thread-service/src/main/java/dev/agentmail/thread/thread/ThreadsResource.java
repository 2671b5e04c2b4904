package dev.agentmail.thread.thread;

import dev.agentmail.runtime.security.Caller;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;

/**
 * AgentMail's three thread collections: the organization's ({@code /v0/threads}), a pod's
 * ({@code /v0/pods/{pod_id}/threads}) and an inbox's ({@code /v0/inboxes/{inbox_id}/threads}), each served by the
 * same {@link ThreadCollectionResource}.
 */
@Path("/v0")
public class ThreadsResource {

    private final Threads threads;
    private final Caller caller;

    ThreadsResource(Threads threads, Caller caller) {
        this.threads = threads;
        this.caller = caller;
    }

    @Path("threads")
    public ThreadCollectionResource organization() {
        return at(ThreadCollection.organization());
    }

    @Path("pods/{pod_id}/threads")
    public ThreadCollectionResource pod(@RestPath("pod_id") String podId) {
        return at(ThreadCollection.pod(podId));
    }

    @Path("inboxes/{inbox_id}/threads")
    public ThreadCollectionResource inbox(@RestPath("inbox_id") String inboxId) {
        return at(ThreadCollection.inbox(inboxId));
    }

    private ThreadCollectionResource at(ThreadCollection collection) {
        return new ThreadCollectionResource(threads, caller.principal(), collection);
    }
}
