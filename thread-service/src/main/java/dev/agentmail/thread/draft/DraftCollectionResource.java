package dev.agentmail.thread.draft;

import dev.agentmail.runtime.security.Principal;
import dev.agentmail.thread.label.ListFilter;
import dev.agentmail.thread.label.ListParameters;
import dev.agentmail.thread.mailbox.MessageJson;
import dev.agentmail.thread.thread.ThreadCollection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;

/**
 * How drafts are read, the same at each of the three levels: {@link DraftsResource} locates these routes for the
 * organization, a pod or an inbox. Not a bean, so each route opens its session itself.
 */
public class DraftCollectionResource {

    private final Drafts drafts;
    private final Principal caller;
    private final ThreadCollection collection;

    DraftCollectionResource(Drafts drafts, Principal caller, ThreadCollection collection) {
        this.drafts = drafts;
        this.caller = caller;
        this.collection = collection;
    }

    @GET
    public Uni<DraftJson.DraftList> list(@BeanParam ListParameters parameters) {
        ListFilter filter = parameters.filterHidingNothing();
        return Panache.withSession(() -> drafts.list(caller, collection, filter));
    }

    @GET
    @Path("{draft_id}")
    public Uni<DraftJson.DraftView> get(@RestPath("draft_id") String draftId) {
        return Panache.withSession(() -> drafts.get(caller, collection, draftId));
    }

    @GET
    @Path("{draft_id}/attachments/{attachment_id}")
    public Uni<MessageJson.AttachmentDownload> attachment(@RestPath("draft_id") String draftId,
                                                         @RestPath("attachment_id") String attachmentId) {
        return Panache.withSession(() -> drafts.attachment(caller, collection, draftId, attachmentId));
    }
}
