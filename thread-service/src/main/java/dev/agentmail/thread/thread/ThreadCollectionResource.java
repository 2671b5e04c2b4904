package dev.agentmail.thread.thread;

import dev.agentmail.runtime.security.Principal;
import dev.agentmail.thread.label.ListFilter;
import dev.agentmail.thread.label.ListParameters;
import dev.agentmail.thread.mailbox.MessageJson;
import dev.agentmail.thread.mailbox.ThreadJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The routes of one thread collection, the same at each of its three levels: {@link ThreadsResource} locates them
 * for the organization, a pod or an inbox. Not a bean, so each route opens its session or transaction itself.
 */
public class ThreadCollectionResource {

    private final Threads threads;
    private final Principal caller;
    private final ThreadCollection collection;

    ThreadCollectionResource(Threads threads, Principal caller, ThreadCollection collection) {
        this.threads = threads;
        this.caller = caller;
        this.collection = collection;
    }

    @GET
    public Uni<ThreadJson.ThreadList> list(@BeanParam ListParameters parameters) {
        ListFilter filter = parameters.filter(caller);
        return Panache.withSession(() -> threads.list(caller, collection, filter));
    }

    @GET
    @Path("{thread_id}")
    public Uni<ThreadJson.ThreadView> get(@RestPath("thread_id") String threadId) {
        return Panache.withSession(() -> threads.get(caller, collection, threadId));
    }

    @GET
    @Path("{thread_id}/attachments/{attachment_id}")
    public Uni<MessageJson.AttachmentDownload> attachment(@RestPath("thread_id") String threadId,
                                                         @RestPath("attachment_id") String attachmentId) {
        return Panache.withSession(() -> threads.attachment(caller, collection, threadId, attachmentId));
    }

    @PATCH
    @Path("{thread_id}")
    public Uni<ThreadJson.UpdateResponse> update(@RestPath("thread_id") String threadId,
                                                 ThreadJson.UpdateRequest request) {
        return Panache.withTransaction(() -> threads.update(caller, collection, threadId, request));
    }

    @DELETE
    @Path("{thread_id}")
    public Uni<Void> delete(@RestPath("thread_id") String threadId) {
        return Panache.withTransaction(() -> threads.delete(caller, collection, threadId));
    }
}
