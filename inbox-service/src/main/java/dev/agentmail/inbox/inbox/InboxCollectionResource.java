package dev.agentmail.inbox.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.runtime.paging.PageParameters;
import dev.agentmail.runtime.paging.PageRequest;
import dev.agentmail.runtime.security.Principal;
import io.quarkus.hibernate.reactive.panache.Panache;
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
 * The routes of one inbox collection, the same for the organization's and a pod's: {@link InboxesResource}
 * locates them. Not a bean, so each route opens its session or transaction itself.
 */
public class InboxCollectionResource {

    private final Inboxes inboxes;
    private final Principal caller;
    private final InboxCollection collection;

    InboxCollectionResource(Inboxes inboxes, Principal caller, InboxCollection collection) {
        this.inboxes = inboxes;
        this.caller = caller;
        this.collection = collection;
    }

    @GET
    public Uni<InboxJson.InboxList> list(@BeanParam PageParameters parameters) {
        PageRequest page = parameters.page();
        return Panache.withSession(() -> inboxes.list(caller, collection, page));
    }

    @POST
    public Uni<InboxJson.InboxView> create(InboxJson.CreateRequest request) {
        return Panache.withTransaction(() -> inboxes.create(caller, collection, request));
    }

    @GET
    @Path("search")
    public Uni<InboxJson.InboxList> search(@RestQuery String q, @BeanParam PageParameters parameters) {
        PageRequest page = parameters.page();
        return Panache.withSession(() -> inboxes.search(caller, collection, q, page));
    }

    @GET
    @Path("{inbox_id}")
    public Uni<InboxJson.InboxView> get(@RestPath("inbox_id") String inboxId) {
        return Panache.withSession(() -> inboxes.get(caller, collection, inboxId));
    }

    @PATCH
    @Path("{inbox_id}")
    public Uni<InboxJson.InboxView> update(@RestPath("inbox_id") String inboxId, JsonNode body) {
        return Panache.withTransaction(() -> inboxes.update(caller, collection, inboxId, body));
    }

    @DELETE
    @Path("{inbox_id}")
    public Uni<Void> delete(@RestPath("inbox_id") String inboxId) {
        return Panache.withTransaction(() -> inboxes.delete(caller, collection, inboxId));
    }
}
