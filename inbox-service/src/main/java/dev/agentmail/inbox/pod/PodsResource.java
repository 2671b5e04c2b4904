package dev.agentmail.inbox.pod;

import dev.agentmail.runtime.paging.PageParameters;
import dev.agentmail.runtime.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;

/**
 * AgentMail's {@code /v0/pods}: list, create, get and delete; {@link Pods} applies scope and permissions. The class
 * sits at {@code /v0} like the inboxes' resource: JAX-RS picks one resource class by its path first, and a class at
 * {@code /v0/pods} would hide {@code /v0/pods/{pod_id}/inboxes}.
 */
@Path("/v0")
public class PodsResource {

    private final Pods pods;
    private final Caller caller;

    PodsResource(Pods pods, Caller caller) {
        this.pods = pods;
        this.caller = caller;
    }

    @GET
    @Path("pods")
    @WithSession
    public Uni<PodJson.PodList> list(@BeanParam PageParameters page) {
        return pods.list(caller.principal(), page.page());
    }

    @POST
    @Path("pods")
    @WithTransaction
    public Uni<PodJson.PodView> create(PodJson.CreateRequest request) {
        return pods.create(caller.principal(), request);
    }

    @GET
    @Path("pods/{pod_id}")
    @WithSession
    public Uni<PodJson.PodView> get(@RestPath("pod_id") String podId) {
        return pods.get(caller.principal(), podId);
    }

    @DELETE
    @Path("pods/{pod_id}")
    @WithTransaction
    public Uni<Void> delete(@RestPath("pod_id") String podId) {
        return pods.delete(caller.principal(), podId);
    }
}
