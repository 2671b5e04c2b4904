package dev.agentmail.thread.message;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.paging.Page;
import dev.agentmail.runtime.paging.PageToken;
import dev.agentmail.runtime.security.Permission;
import dev.agentmail.runtime.security.Principal;
import dev.agentmail.thread.directory.DirectoryInbox;
import dev.agentmail.thread.directory.InboxAccess;
import dev.agentmail.thread.download.DownloadLinks;
import dev.agentmail.thread.label.HiddenLabels;
import dev.agentmail.thread.label.Labels;
import dev.agentmail.thread.label.ListFilter;
import dev.agentmail.thread.mailbox.Message;
import dev.agentmail.thread.mailbox.MessageIds;
import dev.agentmail.thread.mailbox.MessageJson.MessageBatch;
import dev.agentmail.thread.mailbox.MessageJson.MessageItem;
import dev.agentmail.thread.mailbox.MessageJson.MessageList;
import dev.agentmail.thread.mailbox.MessageJson.MessageView;
import dev.agentmail.thread.mailbox.MessageJson.UpdateResponse;
import dev.agentmail.thread.mailbox.MessageJson;
import dev.agentmail.thread.mailbox.StoredAttachment;
import dev.agentmail.thread.mailbox.ThreadSummary;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading and changing an inbox's messages. Callers run these inside a session or transaction. */
@ApplicationScoped
public class Messages {

    static final int MAX_BATCH = 100;

    private final DownloadLinks links;

    Messages(DownloadLinks links) {
        this.links = links;
    }

    /** {@code RawMessageResponse}: a signed link to the RFC 5322 message as stored. */
    public Uni<MessageJson.RawView> raw(Principal caller, String inboxId, String messageId) {
        caller.require(Permission.MESSAGE_READ);
        return InboxAccess.inbox(caller, inboxId).chain(inbox -> visible(caller, inbox, messageId)).map(links::raw);
    }

    /** {@code AttachmentResponse}: the attachment's metadata and a signed link to its decoded bytes. */
    public Uni<MessageJson.AttachmentDownload> attachment(Principal caller, String inboxId, String messageId,
                                                         String attachmentId) {
        caller.require(Permission.MESSAGE_READ);
        return InboxAccess.inbox(caller, inboxId).chain(inbox -> visible(caller, inbox, messageId))
                .map(message -> links.attachment(message, attachmentOf(message, attachmentId)));
    }

    public static StoredAttachment attachmentOf(Message message, String attachmentId) {
        return (message.attachments == null ? List.<StoredAttachment>of() : message.attachments).stream()
                .filter(attachment -> attachment.attachmentId().equals(attachmentId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Attachment"));
    }

    public Uni<MessageList> list(Principal caller, String inboxId, ListFilter filter) {
        caller.require(Permission.MESSAGE_READ);
        return InboxAccess.inbox(caller, inboxId).chain(inbox -> {
            StringBuilder sql = new StringBuilder("select message_id from messages where inbox_id = :inbox");
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("inbox", inbox.inboxId);
            return filter.ids(sql, parameters, "sent_at", "message_id").chain(ids -> inOrder(inbox.inboxId, ids));
        }).map(found -> {
            Page<Message> page = Page.of(found, filter.page(), m -> new PageToken(m.timestamp, m.messageId));
            return new MessageList(page.items().size(), filter.page().limit(), page.nextToken(),
                    page.items().stream().map(MessageItem::of).toList());
        });
    }

    public Uni<MessageView> get(Principal caller, String inboxId, String messageId) {
        caller.require(Permission.MESSAGE_READ);
        return InboxAccess.inbox(caller, inboxId).chain(inbox -> visible(caller, inbox, messageId))
                .map(MessageView::of);
    }

    public Uni<MessageBatch> batchGet(Principal caller, String inboxId, List<String> messageIds) {
        caller.require(Permission.MESSAGE_READ);
        List<String> ids = batchIds(messageIds);
        HiddenLabels hidden = HiddenLabels.forGet(caller);
        return InboxAccess.inbox(caller, inboxId)
                .chain(inbox -> Message.<Message>list("inboxId = ?1 and messageId in ?2", inbox.inboxId, ids))
                .map(found -> {
                    List<MessageView> shown = new ArrayList<>();
                    // In the order asked for; ids that name no visible message are left out.
                    for (String id : ids) {
                        found.stream().filter(m -> m.messageId.equals(id) && !hidden.hides(m.labels)).findFirst()
                                .ifPresent(m -> shown.add(MessageView.of(m)));
                    }
                    return new MessageBatch(MAX_BATCH, shown.size(), shown);
                });
    }

    /** PATCH: add and remove labels (not the system's); the thread's labels follow. */
    public Uni<UpdateResponse> update(Principal caller, String inboxId, String messageId, List<String> add,
                                      List<String> remove) {
        caller.require(Permission.MESSAGE_UPDATE);
        List<String> adding = Labels.clientLabels("add_labels", add);
        List<String> removing = Labels.clientLabels("remove_labels", remove);
        return InboxAccess.inbox(caller, inboxId)
                .chain(inbox -> visible(caller,
                        Message.findInInboxToChange(inbox.inboxId, MessageIds.fromPath(messageId))))
                .chain(message -> relabel(message, adding, removing));
    }

    public Uni<MessageJson.BatchUpdateResponse> batchUpdate(Principal caller, String inboxId, List<String> messageIds,
                                                           List<String> add, List<String> remove) {
        caller.require(Permission.MESSAGE_UPDATE);
        List<String> ids = batchIds(messageIds);
        List<String> adding = Labels.clientLabels("add_labels", add);
        List<String> removing = Labels.clientLabels("remove_labels", remove);
        HiddenLabels hidden = HiddenLabels.forGet(caller);
        return InboxAccess.inbox(caller, inboxId)
                // Locked in message_id order, as every writer of several messages locks them (inThreadToChange).
                .chain(inbox -> Message.<Message>find("inboxId = ?1 and messageId in ?2 order by messageId",
                        inbox.inboxId, ids).withLock(LockModeType.PESSIMISTIC_WRITE).list())
                .chain(found -> {
                    List<UpdateResponse> updates = new ArrayList<>();
                    List<String> threads = new ArrayList<>();
                    for (Message message : found) {
                        if (hidden.hides(message.labels)) {
                            continue;
                        }
                        List<String> labels = Labels.change(message.labels, adding, removing);
                        if (!labels.equals(message.labels)) {
                            message.labels = labels;
                            message.updatedAt = Message.now();
                            threads.add(message.threadId);
                        }
                        updates.add(new UpdateResponse(message.messageId, labels));
                    }
                    // Threads in thread_id order, as every writer takes them, so batches and sends cannot deadlock.
                    return ThreadSummary.refreshAll(threads).replaceWith(updates);
                })
                .map(updates -> new MessageJson.BatchUpdateResponse(MAX_BATCH, updates.size(), updates));
    }

    public Uni<Void> delete(Principal caller, String inboxId, String messageId) {
        caller.require(Permission.MESSAGE_DELETE);
        return InboxAccess.inbox(caller, inboxId).chain(inbox -> visible(caller, inbox, messageId))
                .chain(message -> message.delete().chain(() -> ThreadSummary.refresh(message.threadId)));
    }

    /**
     * The messages of a page in the page's order. The page's ids come from a native query (its label conditions
     * have no HQL form), the entities from HQL, which reads the jsonb columns through their converters.
     */
    private static Uni<List<Message>> inOrder(String inboxId, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Message.<Message>list("inboxId = ?1 and messageId in ?2", inboxId, ids).map(found -> {
            Map<String, Message> byId = new HashMap<>();
            found.forEach(message -> byId.put(message.messageId, message));
            return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        });
    }

    /** The message, if the inbox holds it and the caller may see its labels; else 404. */
    public static Uni<Message> visible(Principal caller, DirectoryInbox inbox, String messageId) {
        return visible(caller, Message.findInInbox(inbox.inboxId, MessageIds.fromPath(messageId)));
    }

    private static Uni<Message> visible(Principal caller, Uni<Message> found) {
        return found.map(message -> {
            if (message == null || HiddenLabels.forGet(caller).hides(message.labels)) {
                throw ApiException.notFound("Message");
            }
            return message;
        });
    }

    private static Uni<UpdateResponse> relabel(Message message, List<String> add, List<String> remove) {
        List<String> labels = Labels.change(message.labels, add, remove);
        if (labels.equals(message.labels)) {
            return Uni.createFrom().item(new UpdateResponse(message.messageId, labels));
        }
        message.labels = labels;
        message.updatedAt = Message.now();
        return ThreadSummary.refresh(message.threadId).replaceWith(new UpdateResponse(message.messageId, labels));
    }

    private static List<String> batchIds(List<String> messageIds) {
        if (messageIds == null || messageIds.isEmpty()) {
            throw ApiException.invalidField("message_ids", "name at least one message");
        }
        if (messageIds.size() > MAX_BATCH) {
            throw ApiException.invalidField("message_ids", "at most " + MAX_BATCH + " messages");
        }
        return messageIds.stream().map(MessageIds::fromPath).distinct().toList();
    }
}
