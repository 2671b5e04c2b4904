package dev.agentmail.thread.draft;

import dev.agentmail.runtime.paging.PageRequest;
import dev.agentmail.runtime.security.Caller;
import dev.agentmail.thread.label.HiddenLabels;
import dev.agentmail.thread.label.ListFilter;
import dev.agentmail.thread.mailbox.MessageJson.SendResponse;
import dev.agentmail.thread.mailbox.MessageJson;
import dev.agentmail.thread.thread.ThreadCollection;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Drafts: written, changed, deleted and sent in an inbox ({@code /v0/inboxes/{inbox_id}/drafts}); listed and read
 * also for a pod ({@code /v0/pods/{pod_id}/drafts}) and the organization ({@code /v0/drafts}).
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

    @GET
    @Path("inboxes/{inbox_id}/drafts")
    @WithSession
    public Uni<DraftJson.DraftList> listInInbox(@RestPath("inbox_id") String inboxId, @RestQuery String limit,
                                                @RestQuery("page_token") String pageToken,
                                                @RestQuery String ascending, @RestQuery List<String> labels,
                                                @RestQuery String before, @RestQuery String after) {
        return drafts.list(caller.principal(), ThreadCollection.inbox(inboxId),
                filter(limit, pageToken, ascending, labels, before, after));
    }

    @GET
    @Path("pods/{pod_id}/drafts")
    @WithSession
    public Uni<DraftJson.DraftList> listInPod(@RestPath("pod_id") String podId, @RestQuery String limit,
                                              @RestQuery("page_token") String pageToken, @RestQuery String ascending,
                                              @RestQuery List<String> labels, @RestQuery String before,
                                              @RestQuery String after) {
        return drafts.list(caller.principal(), ThreadCollection.pod(podId),
                filter(limit, pageToken, ascending, labels, before, after));
    }

    @GET
    @Path("drafts")
    @WithSession
    public Uni<DraftJson.DraftList> list(@RestQuery String limit, @RestQuery("page_token") String pageToken,
                                         @RestQuery String ascending, @RestQuery List<String> labels,
                                         @RestQuery String before, @RestQuery String after) {
        return drafts.list(caller.principal(), ThreadCollection.organization(),
                filter(limit, pageToken, ascending, labels, before, after));
    }

    @GET
    @Path("inboxes/{inbox_id}/drafts/{draft_id}")
    @WithSession
    public Uni<DraftJson.DraftView> getInInbox(@RestPath("inbox_id") String inboxId,
                                               @RestPath("draft_id") String draftId) {
        return drafts.get(caller.principal(), ThreadCollection.inbox(inboxId), draftId);
    }

    @GET
    @Path("pods/{pod_id}/drafts/{draft_id}")
    @WithSession
    public Uni<DraftJson.DraftView> getInPod(@RestPath("pod_id") String podId, @RestPath("draft_id") String draftId) {
        return drafts.get(caller.principal(), ThreadCollection.pod(podId), draftId);
    }

    @GET
    @Path("drafts/{draft_id}")
    @WithSession
    public Uni<DraftJson.DraftView> get(@RestPath("draft_id") String draftId) {
        return drafts.get(caller.principal(), ThreadCollection.organization(), draftId);
    }

    @GET
    @Path("inboxes/{inbox_id}/drafts/{draft_id}/attachments/{attachment_id}")
    @WithSession
    public Uni<MessageJson.AttachmentDownload> attachmentInInbox(@RestPath("inbox_id") String inboxId,
                                                                @RestPath("draft_id") String draftId,
                                                                @RestPath("attachment_id") String attachmentId) {
        return drafts.attachment(caller.principal(), ThreadCollection.inbox(inboxId), draftId, attachmentId);
    }

    @GET
    @Path("pods/{pod_id}/drafts/{draft_id}/attachments/{attachment_id}")
    @WithSession
    public Uni<MessageJson.AttachmentDownload> attachmentInPod(@RestPath("pod_id") String podId,
                                                              @RestPath("draft_id") String draftId,
                                                              @RestPath("attachment_id") String attachmentId) {
        return drafts.attachment(caller.principal(), ThreadCollection.pod(podId), draftId, attachmentId);
    }

    @GET
    @Path("drafts/{draft_id}/attachments/{attachment_id}")
    @WithSession
    public Uni<MessageJson.AttachmentDownload> attachment(@RestPath("draft_id") String draftId,
                                                         @RestPath("attachment_id") String attachmentId) {
        return drafts.attachment(caller.principal(), ThreadCollection.organization(), draftId, attachmentId);
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

    private static ListFilter filter(String limit, String pageToken, String ascending, List<String> labels,
                                     String before, String after) {
        return new ListFilter(ListFilter.labelsParameter(labels), ListFilter.time("before", before),
                ListFilter.time("after", after), new HiddenLabels(List.of()),
                PageRequest.of(limit, pageToken, ascending));
    }
}
