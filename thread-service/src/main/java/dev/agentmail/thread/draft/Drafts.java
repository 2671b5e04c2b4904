package dev.agentmail.thread.draft;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.paging.Page;
import dev.agentmail.runtime.paging.PageToken;
import dev.agentmail.runtime.query.JsonFields;
import dev.agentmail.runtime.query.QueryParameters;
import dev.agentmail.runtime.security.Permission;
import dev.agentmail.runtime.security.Principal;
import dev.agentmail.thread.ThreadConfig;
import dev.agentmail.thread.directory.DirectoryInbox;
import dev.agentmail.thread.directory.InboxAccess;
import dev.agentmail.thread.download.DownloadLinks;
import dev.agentmail.thread.fetch.AttachmentFetcher;
import dev.agentmail.thread.label.Labels;
import dev.agentmail.thread.label.ListFilter;
import dev.agentmail.thread.mailbox.DraftAttachments;
import dev.agentmail.thread.mailbox.Message;
import dev.agentmail.thread.mailbox.MessageJson.AttachmentView;
import dev.agentmail.thread.mailbox.MessageJson.SendAttachment;
import dev.agentmail.thread.mailbox.MessageJson.SendResponse;
import dev.agentmail.thread.mailbox.MessageJson;
import dev.agentmail.thread.mailbox.Replies;
import dev.agentmail.thread.mailbox.Subjects;
import dev.agentmail.thread.message.AttachmentSources;
import dev.agentmail.thread.message.ForwardedText;
import dev.agentmail.thread.message.Messages;
import dev.agentmail.thread.message.Recipients;
import dev.agentmail.thread.message.Sends;
import dev.agentmail.thread.mime.MailAddress;
import dev.agentmail.thread.mime.MailAttachment;
import dev.agentmail.thread.thread.ThreadCollection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Drafts: written in an inbox, sent by hand ({@code POST .../send}) or at their {@code send_at} by
 * {@link DraftScheduler}; a sent draft becomes a message through the same path as every send and disappears in the
 * same transaction. Reply and forward drafts ({@code in_reply_to}, {@code forward_of}) take their recipients,
 * subject and References from the original when created, and join its thread when sent.
 */
@ApplicationScoped
public class Drafts {

    private final Sends sends;
    private final Vertx vertx;
    private final ThreadConfig config;
    private final DownloadLinks links;
    private final AttachmentFetcher fetcher;

    Drafts(Sends sends, Vertx vertx, ThreadConfig config, DownloadLinks links, AttachmentFetcher fetcher) {
        this.sends = sends;
        this.vertx = vertx;
        this.config = config;
        this.links = links;
        this.fetcher = fetcher;
    }

    public Uni<DraftJson.DraftView> create(Principal caller, String inboxId, DraftJson.CreateRequest body) {
        caller.require(Permission.DRAFT_CREATE);
        DraftJson.CreateRequest request = body != null ? body : new DraftJson.CreateRequest(null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        List<MailAddress> to = Recipients.read("to", request.to());
        List<MailAddress> cc = Recipients.read("cc", request.cc());
        List<MailAddress> bcc = Recipients.read("bcc", request.bcc());
        List<MailAddress> replyTo = Recipients.read("reply_to", request.replyTo());
        Recipients.checkCounts(config.maxRecipients(), to, cc, bcc, replyTo);
        List<String> labels = Labels.clientLabels("labels", request.labels());
        Instant sendAt = QueryParameters.time("send_at", request.sendAt());
        List<SendAttachment> attachments = request.attachments() == null ? List.of() : request.attachments();
        AttachmentSources.check(attachments);
        if (request.inReplyTo() != null && request.forwardOf() != null) {
            throw ApiException.validation("A draft replies (in_reply_to) or forwards (forward_of), not both.");
        }
        // The attachments given by url are fetched between two short sessions, never while one holds a database
        // connection (a replay of an earlier client_id fetches them again, and keeps the earlier draft).
        return Panache.withSession(() -> InboxAccess.inbox(caller, inboxId))
                .chain(inbox -> resolve(attachments).chain(files -> Panache.withTransaction(() ->
                        createIn(inbox, caller, request, to, cc, bcc, replyTo, labels, sendAt, files))));
    }

    /** The draft of {@code request} in {@code inbox}, its attachments' bytes already in hand, in a transaction. */
    private Uni<DraftJson.DraftView> createIn(DirectoryInbox inbox, Principal caller,
                                              DraftJson.CreateRequest request, List<MailAddress> to,
                                              List<MailAddress> cc, List<MailAddress> bcc, List<MailAddress> replyTo,
                                              List<String> labels, Instant sendAt, List<MailAttachment> files) {
        return earlier(inbox, request.clientId())
                .chain(existing -> existing != null ? view(existing) : original(caller, inbox, request)
                        .chain(original -> {
                            Draft draft = new Draft();
                            draft.draftId = UUID.randomUUID().toString();
                            draft.inboxId = inbox.inboxId;
                            draft.organizationId = inbox.organizationId;
                            draft.podId = inbox.podId;
                            draft.clientId = request.clientId();
                            draft.labels = labels;
                            draft.replyTo = Recipients.texts(replyTo);
                            draft.to = Recipients.texts(to);
                            draft.cc = Recipients.texts(cc);
                            draft.bcc = Recipients.texts(bcc);
                            draft.subject = request.subject();
                            draft.text = request.text();
                            draft.html = request.html();
                            draft.replyAll = Boolean.TRUE.equals(request.replyAll());
                            if (original != null) {
                                fromOriginal(draft, original, request.inReplyTo() != null);
                            }
                            schedule(draft, sendAt);
                            draft.createdAt = Message.now();
                            draft.updatedAt = draft.createdAt;
                            return draft.persist()
                                    .chain(() -> storeAttachments(draft.draftId, 0, files))
                                    .chain(() -> view(draft));
                        }));
    }

    public Uni<DraftJson.DraftView> get(Principal caller, ThreadCollection route, String draftId) {
        caller.require(Permission.DRAFT_READ);
        return target(caller, route, draftId).chain(Drafts::view);
    }

    /** {@code AttachmentResponse}: a draft's attachment and a signed link to its bytes. */
    public Uni<MessageJson.AttachmentDownload> attachment(Principal caller, ThreadCollection route, String draftId,
                                                         String attachmentId) {
        caller.require(Permission.DRAFT_READ);
        return target(caller, route, draftId).chain(draft -> DraftAttachments.metadata(draft.draftId, attachmentId)
                .map(attachment -> {
                    if (attachment == null) {
                        throw ApiException.notFound("Attachment");
                    }
                    return links.draftAttachment(draft.inboxId, draft.draftId, attachment);
                }));
    }

    public Uni<DraftJson.DraftList> list(Principal caller, ThreadCollection route, ListFilter filter) {
        caller.require(Permission.DRAFT_READ);
        return route.reachedBy(caller, "/v0/drafts").chain(collection -> {
            StringBuilder sql = new StringBuilder("select draft_id from drafts where organization_id = :organization");
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("organization", caller.organizationId());
            collection.appendTo(sql, parameters);
            return filter.ids(sql, parameters, "updated_at", "draft_id");
        }).chain(Drafts::inOrder).chain(found -> {
            Page<Draft> page = Page.of(found, filter.page(), d -> new PageToken(d.updatedAt, d.draftId));
            return Multi.createFrom().iterable(page.items())
                    .onItem().transformToUniAndConcatenate(draft -> attachmentViews(draft.draftId)
                            .map(views -> DraftJson.DraftItem.of(draft, views)))
                    .collect().asList()
                    .map(items -> new DraftJson.DraftList(items.size(), filter.page().limit(), page.nextToken(),
                            items));
        });
    }

    /** PATCH: the fields sent replace the draft's (null clears one); attachments and labels are added or removed. */
    public Uni<DraftJson.DraftView> update(Principal caller, String inboxId, String draftId,
                                          DraftJson.UpdateRequest request) {
        caller.require(Permission.DRAFT_UPDATE);
        if (request == null) {
            throw ApiException.validation("Send a JSON object with the fields to change.");
        }
        JsonNode body = request.fields();
        List<SendAttachment> added = request.addAttachments();
        AttachmentSources.check(added);
        List<String> removed = JsonFields.strings("remove_attachments", body.get("remove_attachments"));
        List<String> addLabels = Labels.clientLabels("add_labels", JsonFields.strings("add_labels",
                body.get("add_labels")));
        List<String> removeLabels = Labels.clientLabels("remove_labels", JsonFields.strings("remove_labels",
                body.get("remove_labels")));
        // As on create, added attachments are fetched outside any session, once the caller is known to reach the
        // inbox; the draft's row is locked only after. A PATCH that adds none goes straight to its transaction.
        Uni<List<MailAttachment>> fetched = added.isEmpty() ? Uni.createFrom().item(List.of())
                : Panache.withSession(() -> InboxAccess.inbox(caller, inboxId)).chain(() -> resolve(added));
        return fetched.chain(files -> Panache.withTransaction(() ->
                targetToChange(caller, ThreadCollection.inbox(inboxId), draftId)
                        .chain(draft -> change(draft, body, removed, addLabels, removeLabels, files))));
    }

    /** The PATCH applied to the locked draft, its added attachments' bytes already in hand. */
    private Uni<DraftJson.DraftView> change(Draft draft, JsonNode body, List<String> removed, List<String> addLabels,
                                            List<String> removeLabels, List<MailAttachment> files) {
        if (Draft.SENDING.equals(draft.sendStatus)) {
            throw ApiException.conflict("The draft is being sent.");
        }
        if (body.has("to")) {
            draft.to = Recipients.texts(Recipients.read("to", body.get("to")));
        }
        if (body.has("cc")) {
            draft.cc = Recipients.texts(Recipients.read("cc", body.get("cc")));
        }
        if (body.has("bcc")) {
            draft.bcc = Recipients.texts(Recipients.read("bcc", body.get("bcc")));
        }
        if (body.has("reply_to")) {
            draft.replyTo = Recipients.texts(Recipients.read("reply_to", body.get("reply_to")));
        }
        Recipients.checkCounts(config.maxRecipients(), draft.to, draft.cc, draft.bcc, draft.replyTo);
        if (body.has("subject")) {
            draft.subject = text("subject", body.get("subject"));
        }
        if (body.has("text")) {
            draft.text = text("text", body.get("text"));
        }
        if (body.has("html")) {
            draft.html = text("html", body.get("html"));
        }
        if (body.has("send_at")) {
            schedule(draft, QueryParameters.time("send_at", text("send_at", body.get("send_at"))));
        }
        draft.labels = Labels.change(draft.labels, addLabels, removeLabels);
        draft.updatedAt = Message.now();
        Uni<Void> removal = removed.isEmpty() ? Uni.createFrom().voidItem()
                : DraftAttachment.delete("draftId = ?1 and attachmentId in ?2", draft.draftId, removed)
                .replaceWithVoid();
        return removal.chain(() -> DraftAttachment.count("draftId", draft.draftId))
                .chain(count -> storeAttachments(draft.draftId, count.intValue(), files))
                .chain(() -> view(draft));
    }

    public Uni<Void> delete(Principal caller, String inboxId, String draftId) {
        caller.require(Permission.DRAFT_DELETE);
        return targetToChange(caller, ThreadCollection.inbox(inboxId), draftId).chain(draft -> draft.delete());
    }

    /** {@code POST .../drafts/{draft_id}/send}: the draft becomes a message and is gone. */
    public Uni<SendResponse> send(Principal caller, String inboxId, String draftId) {
        caller.require(Permission.DRAFT_SEND);
        return target(caller, ThreadCollection.inbox(inboxId), draftId).chain(draft -> {
            if (Draft.SENDING.equals(draft.sendStatus)) {
                throw ApiException.conflict("The draft is being sent.");
            }
            return InboxAccess.inbox(caller, inboxId).chain(inbox -> sendNow(inbox, draft));
        });
    }

    /**
     * Sends a draft from its inbox, deleting it in the transaction that stores the message. A draft that another
     * sender deleted first (a send by hand meeting the scheduler, or a reclaimed scheduled send whose first sender
     * was only slow) rolls this send back: its row lock makes the second delete wait for the first to commit and
     * then find nothing, so a draft is never sent twice.
     */
    Uni<SendResponse> sendNow(DirectoryInbox inbox, Draft draft) {
        String draftId = draft.draftId;
        Uni<Message> original = draft.forwardOf == null && draft.inReplyTo == null ? Uni.createFrom().nullItem()
                : Message.findInInbox(inbox.inboxId, draft.forwardOf != null ? draft.forwardOf : draft.inReplyTo);
        return original.chain(message -> {
            Uni<List<MailAttachment>> carried = draft.forwardOf != null && message != null
                    ? sends.attachmentsOf(message) : Uni.createFrom().item(List.of());
            return carried.chain(forwarded -> DraftAttachment.<DraftAttachment>list("draftId = ?1 order by position",
                    draftId).chain(files -> {
                List<MailAttachment> all = new ArrayList<>(forwarded);
                files.forEach(file -> all.add(new MailAttachment(file.filename, file.contentType, file.disposition,
                        file.contentId, file.content)));
                boolean forward = draft.forwardOf != null && message != null;
                Sends.Outgoing outgoing = new Sends.Outgoing(Replies.addresses(draft.to), Replies.addresses(draft.cc),
                        Replies.addresses(draft.bcc), Replies.addresses(draft.replyTo), draft.subject,
                        forward ? ForwardedText.text(draft.text, message) : draft.text,
                        forward ? ForwardedText.html(draft.html, message) : draft.html,
                        draft.forwardOf == null ? draft.inReplyTo : null,
                        draft.references == null ? List.of() : draft.references, Map.of(), List.of(), all,
                        draft.labels, message == null ? null : message.threadId);
                return sends.submit(inbox, outgoing, response -> Draft.delete("draftId", draftId)
                        .invoke(deleted -> {
                            if (deleted == 0) {
                                throw ApiException.notFound("Draft");
                            }
                        })
                        .replaceWithVoid());
            }));
        });
    }

    /** Reply drafts address the original's sender (and everyone, with reply_all) unless told otherwise. */
    private static void fromOriginal(Draft draft, Message original, boolean reply) {
        draft.references = Replies.referencesAfter(original);
        if (reply) {
            draft.inReplyTo = original.messageId;
            if (draft.to.isEmpty()) {
                List<MailAddress> targets = Replies.targets(original);
                if (draft.replyAll) {
                    targets = Replies.toAll(targets, original, draft.inboxId);
                    if (draft.cc.isEmpty()) {
                        draft.cc = Recipients.texts(Replies.ccAll(List.of(), original, draft.inboxId));
                    }
                }
                draft.to = Recipients.texts(targets);
            }
            if (draft.subject == null) {
                draft.subject = Subjects.reply(original.subject);
            }
        } else {
            draft.forwardOf = original.messageId;
            if (draft.subject == null) {
                draft.subject = Subjects.forward(original.subject);
            }
        }
    }

    private static void schedule(Draft draft, Instant sendAt) {
        draft.sendAt = sendAt;
        draft.sendStatus = sendAt == null ? null : Draft.SCHEDULED;
    }

    private Uni<Message> original(Principal caller, DirectoryInbox inbox, DraftJson.CreateRequest request) {
        String id = request.inReplyTo() != null ? request.inReplyTo() : request.forwardOf();
        if (id == null) {
            return Uni.createFrom().nullItem();
        }
        return Messages.visible(caller, inbox, id);
    }

    private static Uni<Draft> earlier(DirectoryInbox inbox, String clientId) {
        if (clientId == null) {
            return Uni.createFrom().nullItem();
        }
        return Draft.find("inboxId = ?1 and clientId = ?2", inbox.inboxId, clientId).firstResult();
    }

    private Uni<List<MailAttachment>> resolve(List<SendAttachment> attachments) {
        if (attachments.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> AttachmentSources.resolve(attachments,
                config.maxMessageBytes(), config.attachmentFetchTimeout(), fetcher)), false);
    }

    private static Uni<Void> storeAttachments(String draftId, int from, List<MailAttachment> files) {
        List<DraftAttachment> rows = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            MailAttachment file = files.get(i);
            DraftAttachment row = new DraftAttachment();
            row.attachmentId = "att_" + UUID.randomUUID().toString().replace("-", "");
            row.draftId = draftId;
            row.position = from + i;
            row.filename = file.filename();
            row.contentType = file.contentType();
            row.disposition = file.disposition() == null ? "attachment" : file.disposition();
            row.contentId = file.contentId();
            row.size = file.content().size();
            row.content = file.content().toByteArray();
            rows.add(row);
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem() : DraftAttachment.persist(rows);
    }

    private static Uni<DraftJson.DraftView> view(Draft draft) {
        return attachmentViews(draft.draftId).map(views -> DraftJson.DraftView.of(draft, views));
    }

    /** Metadata only: a draft's attachments' content is read when it is sent or downloaded. */
    private static Uni<List<AttachmentView>> attachmentViews(String draftId) {
        return DraftAttachments.of(draftId).map(files -> files.stream().map(AttachmentView::of).toList());
    }

    /** The draft the path names, if it is in the organization, the route's collection and the caller's scope. */
    private static Uni<Draft> target(Principal caller, ThreadCollection route, String draftId) {
        return target(caller, route, draftId, LockModeType.NONE);
    }

    /**
     * As {@link #target}, with the draft's row locked until the transaction ends, for a change that writes it back
     * (PATCH, DELETE; a send is kept single by deleting the draft in its transaction, see {@link #sendNow}). The
     * scheduler claims a due draft by setting it "sending"; a change that read the draft before that claim committed
     * would write it back "scheduled" and let it go out twice. Locked, a change waits for a claim in flight and then
     * reads the draft as being sent; a claim skips a draft being changed ({@code skip locked}) and takes it at its
     * next run.
     */
    private static Uni<Draft> targetToChange(Principal caller, ThreadCollection route, String draftId) {
        return target(caller, route, draftId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Uni<Draft> target(Principal caller, ThreadCollection route, String draftId, LockModeType lock) {
        if (route.podId() != null) {
            InboxAccess.podInScope(caller, route.podId());
        }
        String inbox = route.inboxId() == null ? null : route.inboxId().toLowerCase(java.util.Locale.ROOT);
        return Draft.<Draft>find("draftId = ?1 and organizationId = ?2", draftId, caller.organizationId())
                .withLock(lock).firstResult().map(draft -> {
                    if (draft == null || (inbox != null && !inbox.equals(draft.inboxId))
                            || (route.podId() != null && !route.podId().equals(draft.podId))
                            || !InboxAccess.reaches(caller, draft.podId, draft.inboxId)) {
                        throw ApiException.notFound("Draft");
                    }
                    return draft;
                });
    }

    private static Uni<List<Draft>> inOrder(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Draft.<Draft>list("draftId in ?1", ids).map(found -> {
            Map<String, Draft> byId = new HashMap<>();
            found.forEach(draft -> byId.put(draft.draftId, draft));
            return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        });
    }

    private static String text(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.invalidField(field, "must be a string or null");
        }
        return node.textValue();
    }
}
