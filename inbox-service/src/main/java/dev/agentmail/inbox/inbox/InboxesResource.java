package dev.agentmail.inbox.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.runtime.paging.PageParameters;
import dev.agentmail.runtime.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * AgentMail's two inbox collections: the organization's ({@code /v0/inboxes}) and a pod's
 * ({@code /v0/pods/{pod_id}/inboxes}). Each route names its collection and hands the work to {@link Inboxes}.
 */
@Path("/v0")
public class InboxesResource {

    private final Inboxes inboxes;
    private final Caller caller;

    InboxesResource(Inboxes inboxes, Caller caller) {
        this.inboxes = inboxes;
        this.caller = caller;
    }

    @GET
    @Path("inboxes")
    @WithSession
    public Uni<InboxJson.InboxList> list(@BeanParam PageParameters page) {
        return inboxes.list(caller.principal(), InboxCollection.organization(),
                page.page());
    }

    @POST
    @Path("inboxes")
    @WithTransaction
    public Uni<InboxJson.InboxView> create(InboxJson.CreateRequest request) {
        return inboxes.create(caller.principal(), InboxCollection.organization(), request);
    }

    @GET
    @Path("inboxes/search")
    @WithSession
    public Uni<InboxJson.InboxList> search(@RestQuery String q, @BeanParam PageParameters page) {
        return inboxes.search(caller.principal(), InboxCollection.organization(), q,
                page.page());
    }

    @GET
    @Path("inboxes/{inbox_id}")
    @WithSession
    public Uni<InboxJson.InboxView> get(@RestPath("inbox_id") String inboxId) {
        return inboxes.get(caller.principal(), InboxCollection.organization(), inboxId);
    }

    @PATCH
    @Path("inboxes/{inbox_id}")
    @WithTransaction
    public Uni<InboxJson.InboxView> update(@RestPath("inbox_id") String inboxId, JsonNode body) {
        return inboxes.update(caller.principal(), InboxCollection.organization(), inboxId, body);
    }

    @DELETE
    @Path("inboxes/{inbox_id}")
    @WithTransaction
    public Uni<Void> delete(@RestPath("inbox_id") String inboxId) {
        return inboxes.delete(caller.principal(), InboxCollection.organization(), inboxId);
    }

    @GET
    @Path("pods/{pod_id}/inboxes")
    @WithSession
    public Uni<InboxJson.InboxList> listInPod(@RestPath("pod_id") String podId, @BeanParam PageParameters page) {
        return inboxes.list(caller.principal(), InboxCollection.pod(podId),
                page.page());
    }

    @POST
    @Path("pods/{pod_id}/inboxes")
    @WithTransaction
    public Uni<InboxJson.InboxView> createInPod(@RestPath("pod_id") String podId, InboxJson.CreateRequest request) {
        return inboxes.create(caller.principal(), InboxCollection.pod(podId), request);
    }

    @GET
    @Path("pods/{pod_id}/inboxes/search")
    @WithSession
    public Uni<InboxJson.InboxList> searchInPod(@RestPath("pod_id") String podId, @RestQuery String q,
                                                @BeanParam PageParameters page) {
        return inboxes.search(caller.principal(), InboxCollection.pod(podId), q,
                page.page());
    }

    @GET
    @Path("pods/{pod_id}/inboxes/{inbox_id}")
    @WithSession
    public Uni<InboxJson.InboxView> getInPod(@RestPath("pod_id") String podId, @RestPath("inbox_id") String inboxId) {
        return inboxes.get(caller.principal(), InboxCollection.pod(podId), inboxId);
    }

    @PATCH
    @Path("pods/{pod_id}/inboxes/{inbox_id}")
    @WithTransaction
    public Uni<InboxJson.InboxView> updateInPod(@RestPath("pod_id") String podId,
                                                @RestPath("inbox_id") String inboxId, JsonNode body) {
        return inboxes.update(caller.principal(), InboxCollection.pod(podId), inboxId, body);
    }

    @DELETE
    @Path("pods/{pod_id}/inboxes/{inbox_id}")
    @WithTransaction
    public Uni<Void> deleteInPod(@RestPath("pod_id") String podId, @RestPath("inbox_id") String inboxId) {
        return inboxes.delete(caller.principal(), InboxCollection.pod(podId), inboxId);
    }
}
