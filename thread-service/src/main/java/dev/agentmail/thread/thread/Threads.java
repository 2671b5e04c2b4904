package dev.agentmail.thread.thread;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.paging.Page;
import dev.agentmail.runtime.paging.PageToken;
import dev.agentmail.runtime.security.Permission;
import dev.agentmail.runtime.security.Principal;
import dev.agentmail.thread.directory.InboxAccess;
import dev.agentmail.thread.download.DownloadLinks;
import dev.agentmail.thread.label.HiddenLabels;
import dev.agentmail.thread.label.Labels;
import dev.agentmail.thread.label.ListFilter;
import dev.agentmail.thread.mailbox.MailThread;
import dev.agentmail.thread.mailbox.Message;
import dev.agentmail.thread.mailbox.MessageJson.MessageView;
import dev.agentmail.thread.mailbox.MessageJson;
import dev.agentmail.thread.mailbox.ThreadJson.ThreadItem;
import dev.agentmail.thread.mailbox.ThreadJson.ThreadList;
import dev.agentmail.thread.mailbox.ThreadJson.ThreadView;
import dev.agentmail.thread.mailbox.ThreadJson;
import dev.agentmail.thread.mailbox.ThreadSummary;
import dev.agentmail.thread.message.Messages;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Threads at the three levels AgentMail has: an inbox's, a pod's and the organization's. Threads use the message
 * permissions. Callers run these inside a session or transaction.
 */
@ApplicationScoped
public class Threads {

    private final DownloadLinks links;

    Threads(DownloadLinks links) {
        this.links = links;
    }

    public Uni<ThreadList> list(Principal caller, ThreadCollection route, ListFilter filter) {
        caller.require(Permission.MESSAGE_READ);
        return route.reachedBy(caller, "/v0/threads").chain(collection -> {
            StringBuilder sql = new StringBuilder("select thread_id from threads where organization_id = :organization");
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("organization", caller.organizationId());
            collection.appendTo(sql, parameters);
            return filter.ids(sql, parameters, "last_message_at", "thread_id");
        }).chain(Threads::inOrder).map(found -> {
            Page<MailThread> page = Page.of(found, filter.page(), t -> new PageToken(t.timestamp, t.threadId));
            return new ThreadList(page.items().size(), filter.page().limit(), page.nextToken(),
                    page.items().stream().map(ThreadItem::of).toList());
        });
    }

    /** The thread with its messages, oldest first (those whose labels the key may not read are left out). */
    public Uni<ThreadView> get(Principal caller, ThreadCollection route, String threadId) {
        caller.require(Permission.MESSAGE_READ);
        HiddenLabels hidden = HiddenLabels.forGet(caller);
        return target(caller, route, threadId).chain(thread -> Message.inThread(thread.threadId)
                .map(messages -> ThreadView.of(thread, messages.stream().filter(m -> !hidden.hides(m.labels))
                        .map(MessageView::of).toList())));
    }

    /** {@code AttachmentResponse} for an attachment of any message of the thread. */
    public Uni<MessageJson.AttachmentDownload> attachment(Principal caller, ThreadCollection route, String threadId,
                                                         String attachmentId) {
        caller.require(Permission.MESSAGE_READ);
        HiddenLabels hidden = HiddenLabels.forGet(caller);
        return target(caller, route, threadId).chain(thread -> Message.inThread(thread.threadId)).map(messages -> {
            for (Message message : messages) {
                if (!hidden.hides(message.labels) && message.attachments != null && message.attachments.stream()
                        .anyMatch(attachment -> attachment.attachmentId().equals(attachmentId))) {
                    return links.attachment(message, Messages.attachmentOf(message, attachmentId));
                }
            }
            throw ApiException.notFound("Attachment");
        });
    }

    /** PATCH: the labels change on every message of the thread, and so on the thread. */
    public Uni<ThreadJson.UpdateResponse> update(Principal caller, ThreadCollection route, String threadId,
                                                 ThreadJson.UpdateRequest request) {
        caller.require(Permission.MESSAGE_UPDATE);
        ThreadJson.UpdateRequest body = request == null ? new ThreadJson.UpdateRequest(null, null) : request;
        List<String> add = Labels.clientLabels("add_labels", body.addLabels());
        List<String> remove = Labels.clientLabels("remove_labels", body.removeLabels());
        return target(caller, route, threadId)
                .chain(thread -> Message.inThreadToChange(thread.threadId)
                        .invoke(messages -> messages.forEach(message -> relabel(message, add, remove)))
                        .chain(() -> ThreadSummary.refreshed(thread)))
                .map(thread -> new ThreadJson.UpdateResponse(thread.threadId, thread.labels));
    }

    private static void relabel(Message message, List<String> add, List<String> remove) {
        List<String> labels = Labels.change(message.labels, add, remove);
        if (!labels.equals(message.labels)) {
            message.labels = labels;
            message.updatedAt = Message.now();
        }
    }

    /** The thread and all its messages. */
    public Uni<Void> delete(Principal caller, ThreadCollection route, String threadId) {
        caller.require(Permission.MESSAGE_DELETE);
        return target(caller, route, threadId).chain(thread -> Message.delete("threadId", thread.threadId)
                .chain(() -> thread.delete()));
    }

    /** The collection the caller may list: the organization's needs an organization key (403). */
    /** The thread the path names, if it is in the organization, the route's collection and the caller's scope. */
    private static Uni<MailThread> target(Principal caller, ThreadCollection route, String threadId) {
        ThreadCollection collection = route.inboxId() == null ? route
                : ThreadCollection.inbox(route.inboxId().toLowerCase(Locale.ROOT));
        if (collection.podId() != null) {
            InboxAccess.podInScope(caller, collection.podId());
        }
        return MailThread.findInOrganization(caller.organizationId(), threadId).map(thread -> {
            if (thread == null || !collection.contains(thread)
                    || !InboxAccess.reaches(caller, thread.podId, thread.inboxId)) {
                throw ApiException.notFound("Thread");
            }
            return thread;
        });
    }

    private static Uni<List<MailThread>> inOrder(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return MailThread.<MailThread>list("threadId in ?1", ids).map(found -> {
            Map<String, MailThread> byId = new HashMap<>();
            found.forEach(thread -> byId.put(thread.threadId, thread));
            return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        });
    }
}
