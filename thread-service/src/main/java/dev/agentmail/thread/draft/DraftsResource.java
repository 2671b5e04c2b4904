package dev.agentmail.thread.draft;

import dev.agentmail.runtime.security.Caller;
import dev.agentmail.thread.mailbox.MessageJson.SendResponse;
import dev.agentmail.thread.thread.ThreadCollection;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Drafts: written, changed, deleted and sent in an inbox ({@code /v0/inboxes/{inbox_id}/drafts}); listed and read
 * the same way ({@link DraftCollectionResource}) in an inbox, a pod ({@code /v0/pods/{pod_id}/drafts}) and the
 * organization ({@code /v0/drafts}).
 */
@Path("/v0")
public class DraftsResource {

    private final Drafts drafts;
    private final Caller caller;

    DraftsResource(Drafts drafts, Caller caller) {
        this.drafts = drafts;
        this.caller = caller;
    }

    /** Opens its sessions itself: attachments given by url are fetched while none holds a connection. */
    @POST
    @Path("inboxes/{inbox_id}/drafts")
    public Uni<DraftJson.DraftView> create(@RestPath("inbox_id") String inboxId, DraftJson.CreateRequest request) {
        return drafts.create(caller.principal(), inboxId, request);
    }

    @Path("drafts")
    public DraftCollectionResource organization() {
        return at(ThreadCollection.organization());
    }

    @Path("pods/{pod_id}/drafts")
    public DraftCollectionResource pod(@RestPath("pod_id") String podId) {
        return at(ThreadCollection.pod(podId));
    }

    @Path("inboxes/{inbox_id}/drafts")
    public DraftCollectionResource inbox(@RestPath("inbox_id") String inboxId) {
        return at(ThreadCollection.inbox(inboxId));
    }

    /** Opens its sessions itself, as create does. */
    @PATCH
    @Path("inboxes/{inbox_id}/drafts/{draft_id}")
    public Uni<DraftJson.DraftView> update(@RestPath("inbox_id") String inboxId, @RestPath("draft_id") String draftId,
                                           DraftJson.UpdateRequest body) {
        return drafts.update(caller.principal(), inboxId, draftId, body);
    }

    @DELETE
    @Path("inboxes/{inbox_id}/drafts/{draft_id}")
    @WithTransaction
    public Uni<Void> delete(@RestPath("inbox_id") String inboxId, @RestPath("draft_id") String draftId) {
        return drafts.delete(caller.principal(), inboxId, draftId);
    }

    /** Opens its transaction once the message is composed, like every send. */
    @POST
    @Path("inboxes/{inbox_id}/drafts/{draft_id}/send")
    @WithSession
    public Uni<SendResponse> send(@RestPath("inbox_id") String inboxId, @RestPath("draft_id") String draftId) {
        return drafts.send(caller.principal(), inboxId, draftId);
    }

    private DraftCollectionResource at(ThreadCollection collection) {
        return new DraftCollectionResource(drafts, caller.principal(), collection);
    }
}
