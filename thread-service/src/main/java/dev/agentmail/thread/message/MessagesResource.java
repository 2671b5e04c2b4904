package dev.agentmail.thread.message;

import dev.agentmail.runtime.query.JsonFields;
import dev.agentmail.runtime.security.Caller;
import dev.agentmail.thread.label.ListFilter;
import dev.agentmail.thread.label.ListParameters;
import dev.agentmail.thread.mailbox.MessageIds;
import dev.agentmail.thread.mailbox.MessageJson.BatchGetRequest;
import dev.agentmail.thread.mailbox.MessageJson.BatchUpdateRequest;
import dev.agentmail.thread.mailbox.MessageJson.SendRequest;
import dev.agentmail.thread.mailbox.MessageJson.UpdateRequest;
import dev.agentmail.thread.mailbox.MessageJson;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Locale;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/**
 * An inbox's messages ({@code /v0/inboxes/{inbox_id}/messages}): list, get, labels, delete, batches, and sending
 * (send, reply, reply-all, forward). The message_id in a path is the URL-encoded RFC 5322 Message-ID.
 */
@Path("/v0/inboxes/{inbox_id}/messages")
public class MessagesResource {

    private final Messages messages;
    private final Sends sends;
    private final IdempotentSends idempotent;
    private final Caller caller;

    MessagesResource(Messages messages, Sends sends, IdempotentSends idempotent, Caller caller) {
        this.messages = messages;
        this.sends = sends;
        this.idempotent = idempotent;
        this.caller = caller;
    }

    @GET
    @WithSession
    public Uni<MessageJson.MessageList> list(@RestPath("inbox_id") String inboxId,
                                             @BeanParam ListParameters parameters) {
        ListFilter filter = parameters.filter(caller.principal());
        return messages.list(caller.principal(), inboxId, filter);
    }

    @GET
    @Path("{message_id}")
    @WithSession
    public Uni<MessageJson.MessageView> get(@RestPath("inbox_id") String inboxId,
                                            @RestPath("message_id") String messageId) {
        return messages.get(caller.principal(), inboxId, messageId);
    }

    @GET
    @Path("{message_id}/raw")
    @WithSession
    public Uni<MessageJson.RawView> raw(@RestPath("inbox_id") String inboxId,
                                        @RestPath("message_id") String messageId) {
        return messages.raw(caller.principal(), inboxId, messageId);
    }

    @GET
    @Path("{message_id}/attachments/{attachment_id}")
    @WithSession
    public Uni<MessageJson.AttachmentDownload> attachment(@RestPath("inbox_id") String inboxId,
                                                         @RestPath("message_id") String messageId,
                                                         @RestPath("attachment_id") String attachmentId) {
        return messages.attachment(caller.principal(), inboxId, messageId, attachmentId);
    }

    @PATCH
    @Path("{message_id}")
    @WithTransaction
    public Uni<MessageJson.UpdateResponse> update(@RestPath("inbox_id") String inboxId,
                                                  @RestPath("message_id") String messageId, UpdateRequest request) {
        UpdateRequest body = request == null ? new UpdateRequest(null, null) : request;
        return messages.update(caller.principal(), inboxId, messageId,
                JsonFields.strings("add_labels", body.addLabels()),
                JsonFields.strings("remove_labels", body.removeLabels()));
    }

    @DELETE
    @Path("{message_id}")
    @WithTransaction
    public Uni<Void> delete(@RestPath("inbox_id") String inboxId, @RestPath("message_id") String messageId) {
        return messages.delete(caller.principal(), inboxId, messageId);
    }

    @POST
    @Path("batch-get")
    @WithSession
    public Uni<MessageJson.MessageBatch> batchGet(@RestPath("inbox_id") String inboxId, BatchGetRequest request) {
        return messages.batchGet(caller.principal(), inboxId, request == null ? null : request.messageIds());
    }

    @POST
    @Path("batch-update")
    @WithTransaction
    public Uni<MessageJson.BatchUpdateResponse> batchUpdate(@RestPath("inbox_id") String inboxId,
                                                           BatchUpdateRequest request) {
        BatchUpdateRequest body = request == null ? new BatchUpdateRequest(null, null, null) : request;
        return messages.batchUpdate(caller.principal(), inboxId, body.messageIds(),
                JsonFields.strings("add_labels", body.addLabels()),
                JsonFields.strings("remove_labels", body.removeLabels()));
    }

    // Sends open their sessions themselves: a short one reads the inbox (and the original), none is open while the
    // attachments given by url are fetched and the MIME is composed on a worker thread, and a transaction stores it.
    // Their bodies stay non-blocking parameters: a large one is read, and its attachments decoded, on a worker as it
    // streams in (InlineAttachments says why that beats an InputStream parameter).

    @POST
    @Path("send")
    public Uni<MessageJson.SendResponse> send(@RestPath("inbox_id") String inboxId,
                                              @RestHeader("Idempotency-Key") String idempotencyKey,
                                              SendRequest request) {
        return idempotent.send(caller.principal(), inboxId, idempotencyKey,
                "send " + inboxId.toLowerCase(Locale.ROOT), request,
                take -> sends.send(caller.principal(), inboxId, request, take));
    }

    @POST
    @Path("{message_id}/reply")
    public Uni<MessageJson.SendResponse> reply(@RestPath("inbox_id") String inboxId,
                                               @RestPath("message_id") String messageId,
                                               @RestHeader("Idempotency-Key") String idempotencyKey,
                                               SendRequest request) {
        return idempotent.send(caller.principal(), inboxId, idempotencyKey, route("reply", inboxId, messageId),
                request, take -> sends.reply(caller.principal(), inboxId, messageId, request, false, take));
    }

    @POST
    @Path("{message_id}/reply-all")
    public Uni<MessageJson.SendResponse> replyAll(@RestPath("inbox_id") String inboxId,
                                                  @RestPath("message_id") String messageId,
                                                  @RestHeader("Idempotency-Key") String idempotencyKey,
                                                  SendRequest request) {
        return idempotent.send(caller.principal(), inboxId, idempotencyKey, route("reply-all", inboxId, messageId),
                request, take -> sends.reply(caller.principal(), inboxId, messageId, request, true, take));
    }

    @POST
    @Path("{message_id}/forward")
    public Uni<MessageJson.SendResponse> forward(@RestPath("inbox_id") String inboxId,
                                                 @RestPath("message_id") String messageId,
                                                 @RestHeader("Idempotency-Key") String idempotencyKey,
                                                 SendRequest request) {
        return idempotent.send(caller.principal(), inboxId, idempotencyKey, route("forward", inboxId, messageId),
                request, take -> sends.forward(caller.principal(), inboxId, messageId, request, take));
    }

    /** What an Idempotency-Key's request is, besides its body: the action, the inbox and the original. */
    private static String route(String action, String inboxId, String messageId) {
        return action + " " + inboxId.toLowerCase(Locale.ROOT) + " " + MessageIds.fromPath(messageId);
    }
}
