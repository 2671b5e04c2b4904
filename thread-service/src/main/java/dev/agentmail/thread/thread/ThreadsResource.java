package dev.agentmail.thread.thread;

import dev.agentmail.runtime.paging.PageRequest;
import dev.agentmail.runtime.security.Caller;
import dev.agentmail.thread.label.HiddenLabels;
import dev.agentmail.thread.label.ListFilter;
import dev.agentmail.thread.mailbox.MessageJson;
import dev.agentmail.thread.mailbox.ThreadJson;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * AgentMail's three thread collections: an inbox's ({@code /v0/inboxes/{inbox_id}/threads}), a pod's
 * ({@code /v0/pods/{pod_id}/threads}) and the organization's ({@code /v0/threads}). Each route names its collection
 * and hands the work to {@link Threads}.
 */
@Path("/v0")
public class ThreadsResource {

    /** The list parameters every thread list takes. */
    public static class ListParameters {
        @RestQuery
        String limit;
        @RestQuery("page_token")
        String pageToken;
        @RestQuery
        String ascending;
        @RestQuery
        List<String> labels;
        @RestQuery
        String before;
        @RestQuery
        String after;
        @RestQuery("include_spam")
        String includeSpam;
        @RestQuery("include_blocked")
        String includeBlocked;
        @RestQuery("include_unauthenticated")
        String includeUnauthenticated;
        @RestQuery("include_trash")
        String includeTrash;
    }

    private final Threads threads;
    private final Caller caller;

    ThreadsResource(Threads threads, Caller caller) {
        this.threads = threads;
        this.caller = caller;
    }

    @GET
    @Path("threads")
    @WithSession
    public Uni<ThreadJson.ThreadList> list(@BeanParam ListParameters parameters) {
        return threads.list(caller.principal(), ThreadCollection.organization(), filter(parameters));
    }

    @GET
    @Path("pods/{pod_id}/threads")
    @WithSession
    public Uni<ThreadJson.ThreadList> listInPod(@RestPath("pod_id") String podId,
                                                @BeanParam ListParameters parameters) {
        return threads.list(caller.principal(), ThreadCollection.pod(podId), filter(parameters));
    }

    @GET
    @Path("inboxes/{inbox_id}/threads")
    @WithSession
    public Uni<ThreadJson.ThreadList> listInInbox(@RestPath("inbox_id") String inboxId,
                                                  @BeanParam ListParameters parameters) {
        return threads.list(caller.principal(), ThreadCollection.inbox(inboxId), filter(parameters));
    }

    @GET
    @Path("threads/{thread_id}")
    @WithSession
    public Uni<ThreadJson.ThreadView> get(@RestPath("thread_id") String threadId) {
        return threads.get(caller.principal(), ThreadCollection.organization(), threadId);
    }

    @GET
    @Path("pods/{pod_id}/threads/{thread_id}")
    @WithSession
    public Uni<ThreadJson.ThreadView> getInPod(@RestPath("pod_id") String podId,
                                               @RestPath("thread_id") String threadId) {
        return threads.get(caller.principal(), ThreadCollection.pod(podId), threadId);
    }

    @GET
    @Path("inboxes/{inbox_id}/threads/{thread_id}")
    @WithSession
    public Uni<ThreadJson.ThreadView> getInInbox(@RestPath("inbox_id") String inboxId,
                                                 @RestPath("thread_id") String threadId) {
        return threads.get(caller.principal(), ThreadCollection.inbox(inboxId), threadId);
    }

    @GET
    @Path("threads/{thread_id}/attachments/{attachment_id}")
    @WithSession
    public Uni<MessageJson.AttachmentDownload> attachment(@RestPath("thread_id") String threadId,
                                                         @RestPath("attachment_id") String attachmentId) {
        return threads.attachment(caller.principal(), ThreadCollection.organization(), threadId, attachmentId);
    }

    @GET
    @Path("pods/{pod_id}/threads/{thread_id}/attachments/{attachment_id}")
    @WithSession
    public Uni<MessageJson.AttachmentDownload> attachmentInPod(@RestPath("pod_id") String podId,
                                                              @RestPath("thread_id") String threadId,
                                                              @RestPath("attachment_id") String attachmentId) {
        return threads.attachment(caller.principal(), ThreadCollection.pod(podId), threadId, attachmentId);
    }

    @GET
    @Path("inboxes/{inbox_id}/threads/{thread_id}/attachments/{attachment_id}")
    @WithSession
    public Uni<MessageJson.AttachmentDownload> attachmentInInbox(@RestPath("inbox_id") String inboxId,
                                                                @RestPath("thread_id") String threadId,
                                                                @RestPath("attachment_id") String attachmentId) {
        return threads.attachment(caller.principal(), ThreadCollection.inbox(inboxId), threadId, attachmentId);
    }

    @PATCH
    @Path("threads/{thread_id}")
    @WithTransaction
    public Uni<ThreadJson.UpdateResponse> update(@RestPath("thread_id") String threadId,
                                                 ThreadJson.UpdateRequest request) {
        return threads.update(caller.principal(), ThreadCollection.organization(), threadId, request);
    }

    @PATCH
    @Path("pods/{pod_id}/threads/{thread_id}")
    @WithTransaction
    public Uni<ThreadJson.UpdateResponse> updateInPod(@RestPath("pod_id") String podId,
                                                      @RestPath("thread_id") String threadId,
                                                      ThreadJson.UpdateRequest request) {
        return threads.update(caller.principal(), ThreadCollection.pod(podId), threadId, request);
    }

    @PATCH
    @Path("inboxes/{inbox_id}/threads/{thread_id}")
    @WithTransaction
    public Uni<ThreadJson.UpdateResponse> updateInInbox(@RestPath("inbox_id") String inboxId,
                                                        @RestPath("thread_id") String threadId,
                                                        ThreadJson.UpdateRequest request) {
        return threads.update(caller.principal(), ThreadCollection.inbox(inboxId), threadId, request);
    }

    @DELETE
    @Path("threads/{thread_id}")
    @WithTransaction
    public Uni<Void> delete(@RestPath("thread_id") String threadId) {
        return threads.delete(caller.principal(), ThreadCollection.organization(), threadId);
    }

    @DELETE
    @Path("pods/{pod_id}/threads/{thread_id}")
    @WithTransaction
    public Uni<Void> deleteInPod(@RestPath("pod_id") String podId, @RestPath("thread_id") String threadId) {
        return threads.delete(caller.principal(), ThreadCollection.pod(podId), threadId);
    }

    @DELETE
    @Path("inboxes/{inbox_id}/threads/{thread_id}")
    @WithTransaction
    public Uni<Void> deleteInInbox(@RestPath("inbox_id") String inboxId, @RestPath("thread_id") String threadId) {
        return threads.delete(caller.principal(), ThreadCollection.inbox(inboxId), threadId);
    }

    private ListFilter filter(ListParameters parameters) {
        return new ListFilter(ListFilter.labelsParameter(parameters.labels), ListFilter.time("before", parameters.before),
                ListFilter.time("after", parameters.after), HiddenLabels.forList(caller.principal(),
                parameters.includeSpam, parameters.includeBlocked, parameters.includeUnauthenticated,
                parameters.includeTrash), PageRequest.of(parameters.limit, parameters.pageToken, parameters.ascending));
    }
}
