package dev.agentmail.thread.message;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.security.Permission;
import dev.agentmail.runtime.security.Principal;
import dev.agentmail.thread.ThreadConfig;
import dev.agentmail.thread.directory.DirectoryInbox;
import dev.agentmail.thread.directory.InboxAccess;
import dev.agentmail.thread.directory.InboxLocks;
import dev.agentmail.thread.fetch.AttachmentFetcher;
import dev.agentmail.thread.label.Labels;
import dev.agentmail.thread.mailbox.MailThread;
import dev.agentmail.thread.mailbox.Message;
import dev.agentmail.thread.mailbox.MessageEvents;
import dev.agentmail.thread.mailbox.MessageJson.SendRequest;
import dev.agentmail.thread.mailbox.MessageJson.SendResponse;
import dev.agentmail.thread.mailbox.MessageJson;
import dev.agentmail.thread.mailbox.Preview;
import dev.agentmail.thread.mailbox.RawMessage;
import dev.agentmail.thread.mailbox.Replies;
import dev.agentmail.thread.mailbox.StoredAttachment;
import dev.agentmail.thread.mailbox.Subjects;
import dev.agentmail.thread.mailbox.ThreadSummary;
import dev.agentmail.thread.mime.AttachmentContent;
import dev.agentmail.thread.mime.MailAddress;
import dev.agentmail.thread.mime.MailAttachment;
import dev.agentmail.thread.mime.MimeComposer;
import dev.agentmail.thread.mime.MimeReader;
import dev.agentmail.thread.mime.OutgoingMail;
import dev.agentmail.thread.mime.ParsedMail;
import dev.agentmail.thread.transport.LocalDelivery;
import dev.agentmail.thread.transport.QueuedDelivery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Sending from one of our inboxes: send, reply, reply-all and forward. The message is composed as MIME (on a worker
 * thread), then in one transaction stored as {@code sent} with {@code message.sent}, queued for the SMTP relay for
 * recipients outside our inboxes, and delivered at once to recipients that are our inboxes
 * ({@link LocalDelivery}).
 */
@ApplicationScoped
public class Sends {

    /** What to send, checked; {@code threadId} is the thread it joins in the sender's inbox, or null for a new one. */
    public record Outgoing(List<MailAddress> to, List<MailAddress> cc, List<MailAddress> bcc, List<MailAddress> replyTo,
                    String subject, String text, String html, String inReplyTo, List<String> references,
                    Map<String, String> headers, List<MessageJson.SendAttachment> attachments,
                    List<MailAttachment> carried, List<String> labels, String threadId) {
    }

    /** A send ready to compose: read in a session of its own, which ends before anything is fetched or composed. */
    private record Prepared(DirectoryInbox inbox, Outgoing outgoing) {
    }

    /** The message as composed and as a receiving inbox reads it. */
    record Composed(byte[] raw, ParsedMail parsed) {
    }

    private final Vertx vertx;
    private final ThreadConfig config;
    private final MessageEvents events;
    private final LocalDelivery delivery;
    private final AttachmentFetcher fetcher;

    Sends(Vertx vertx, ThreadConfig config, MessageEvents events, LocalDelivery delivery, AttachmentFetcher fetcher) {
        this.vertx = vertx;
        this.config = config;
        this.events = events;
        this.delivery = delivery;
        this.fetcher = fetcher;
    }

    public Uni<SendResponse> send(Principal caller, String inboxId, SendRequest body) {
        return send(caller, inboxId, body, response -> Uni.createFrom().voidItem());
    }

    /** As {@link #send(Principal, String, SendRequest)}, with {@code alongside} in the send's transaction. */
    public Uni<SendResponse> send(Principal caller, String inboxId, SendRequest body,
                                  Function<SendResponse, Uni<Void>> alongside) {
        caller.require(Permission.MESSAGE_SEND);
        SendRequest request = orEmpty(body);
        Outgoing outgoing = new Outgoing(Recipients.read("to", request.to()), Recipients.read("cc", request.cc()),
                Recipients.read("bcc", request.bcc()), Recipients.read("reply_to", request.replyTo()),
                request.subject(), request.text(), request.html(), null, List.of(), headers(request),
                attachments(request), List.of(), Labels.clientLabels("labels", request.labels()), null);
        return Panache.withSession(() -> InboxAccess.inbox(caller, inboxId))
                .chain(inbox -> submit(inbox, outgoing, alongside));
    }

    /**
     * A reply joins the original's thread, with In-Reply-To and References naming it. It goes to the original's
     * Reply-To or sender (for a reply to our own sent message: its recipients), unless the request names
     * recipients; reply-all adds the original's other recipients, never the replying inbox itself.
     */
    public Uni<SendResponse> reply(Principal caller, String inboxId, String messageId, SendRequest body,
                                   boolean replyAll, Function<SendResponse, Uni<Void>> alongside) {
        caller.require(Permission.MESSAGE_SEND);
        SendRequest request = orEmpty(body);
        boolean all = replyAll || Boolean.TRUE.equals(request.replyAll());
        List<MailAddress> to = Recipients.read("to", request.to());
        List<MailAddress> cc = Recipients.read("cc", request.cc());
        List<MailAddress> bcc = Recipients.read("bcc", request.bcc());
        List<MailAddress> replyTo = Recipients.read("reply_to", request.replyTo());
        Map<String, String> headers = headers(request);
        List<MessageJson.SendAttachment> attachments = attachments(request);
        List<String> labels = Labels.clientLabels("labels", request.labels());
        return Panache.withSession(() -> InboxAccess.inbox(caller, inboxId).chain(inbox ->
                        original(caller, inbox, messageId).map(original -> {
                            List<MailAddress> replyTargets = to.isEmpty() ? Replies.targets(original) : to;
                            List<MailAddress> finalTo = all ? Replies.toAll(replyTargets, original, inbox.inboxId)
                                    : replyTargets;
                            List<MailAddress> finalCc = all ? Replies.ccAll(cc, original, inbox.inboxId) : cc;
                            return new Prepared(inbox, new Outgoing(finalTo, finalCc, bcc, replyTo,
                                    Subjects.reply(original.subject), request.text(), request.html(),
                                    original.messageId, Replies.referencesAfter(original), headers, attachments,
                                    List.of(), labels, original.threadId));
                        })))
                .chain(prepared -> submit(prepared.inbox(), prepared.outgoing(), alongside));
    }

    /**
     * A forward carries the original's text under a "Forwarded message" header block and its attachments, joins
     * the original's thread (References name it) and goes to the request's recipients.
     */
    public Uni<SendResponse> forward(Principal caller, String inboxId, String messageId, SendRequest body,
                                     Function<SendResponse, Uni<Void>> alongside) {
        caller.require(Permission.MESSAGE_SEND);
        SendRequest request = orEmpty(body);
        List<MailAddress> to = Recipients.read("to", request.to());
        List<MailAddress> cc = Recipients.read("cc", request.cc());
        List<MailAddress> bcc = Recipients.read("bcc", request.bcc());
        List<MailAddress> replyTo = Recipients.read("reply_to", request.replyTo());
        Map<String, String> headers = headers(request);
        List<MessageJson.SendAttachment> attachments = attachments(request);
        List<String> labels = Labels.clientLabels("labels", request.labels());
        return Panache.withSession(() -> InboxAccess.inbox(caller, inboxId).chain(inbox ->
                        original(caller, inbox, messageId).chain(original -> attachmentsOf(original)
                                .map(carried -> new Prepared(inbox, new Outgoing(to, cc, bcc, replyTo,
                                        request.subject() != null ? request.subject()
                                                : Subjects.forward(original.subject),
                                        ForwardedText.text(request.text(), original),
                                        ForwardedText.html(request.html(), original), null,
                                        Replies.referencesAfter(original), headers, attachments, carried, labels,
                                        original.threadId))))))
                .chain(prepared -> submit(prepared.inbox(), prepared.outgoing(), alongside));
    }

    /** Sends {@code outgoing} from {@code inbox}: the one path of every send (API, reply, forward, drafts). */
    /** {@code alongside} runs in the send's transaction with its answer (a sent draft goes, a key is taken). */
    public Uni<SendResponse> submit(DirectoryInbox inbox, Outgoing outgoing,
                                    Function<SendResponse, Uni<Void>> alongside) {
        List<MailAddress> recipients = MailAddress.distinct(concat(concat(outgoing.to(), outgoing.cc()),
                outgoing.bcc()));
        if (recipients.isEmpty()) {
            throw ApiException.validation("Name at least one recipient in to, cc or bcc.");
        }
        Recipients.checkCounts(config.maxRecipients(), recipients, List.of(), List.of(), outgoing.replyTo());
        Instant at = Message.now();
        String messageId = "<" + UUID.randomUUID() + "@" + domainOf(inbox.inboxId) + ">";
        return vertx.executeBlocking(Uni.createFrom().item(() -> compose(inbox, outgoing, messageId, at)), false)
                .chain(composed -> Panache.withTransaction(() -> store(inbox, outgoing, recipients, composed, at)
                        .call(response -> alongside.apply(response))));
    }

    private Composed compose(DirectoryInbox inbox, Outgoing outgoing, String messageId, Instant at) {
        long limit = config.maxMessageBytes();
        List<MailAttachment> files = new ArrayList<>(outgoing.carried());
        files.addAll(AttachmentSources.resolve(outgoing.attachments(), limit, config.attachmentFetchTimeout(),
                fetcher));
        byte[] raw = MimeComposer.compose(new OutgoingMail(messageId, at, MailAddress.of(inbox.displayName,
                inbox.inboxId), outgoing.to(), outgoing.cc(), outgoing.bcc(), outgoing.replyTo(), outgoing.subject(),
                outgoing.text(), outgoing.html(), outgoing.inReplyTo(), outgoing.references(), outgoing.headers(),
                files));
        if (raw.length > limit) {
            throw new MessageTooLarge("The message would be " + raw.length + " bytes; the limit is " + limit + ".");
        }
        return new Composed(raw, MimeReader.parse(new ByteArrayInputStream(raw)));
    }

    /**
     * Writes everything first (the sent copy, the queue, each local recipient's copy), then summarizes the threads
     * touched in thread_id order and writes the events, then locks the inboxes in address order and appends the
     * events. Row locks are thus always taken threads first, then inboxes, each in a fixed order, so concurrent sends
     * cannot deadlock; and the inbox lock, which orders each inbox's events, is held only for the appends and the
     * commit: sends of one inbox wait for each other no longer than that.
     */
    private Uni<SendResponse> store(DirectoryInbox inbox, Outgoing outgoing, List<MailAddress> recipients,
                                    Composed composed, Instant at) {
        List<String> addresses = recipients.stream().map(MailAddress::address).toList();
        return InboxAccess.ours(addresses).chain(ours -> storeSent(inbox, outgoing, composed, at)
                .call(sent -> queueExternal(sent, addresses, ours))
                .chain(sent -> Multi.createFrom().iterable(ours)
                        .onItem().transformToUniAndConcatenate(local ->
                                delivery.store(local, composed.raw(), composed.parsed(), at))
                        .collect().asList()
                        .call(delivered -> ThreadSummary.afterStoring(Stream.concat(Stream.of(sent),
                                delivered.stream()).map(Message::stored).toList()))
                        .chain(delivered -> Multi.createFrom().iterable(delivered)
                                .onItem().transformToUniAndConcatenate(delivery::receivedEvent)
                                .collect().asList()
                                .map(received -> Stream.concat(Stream.of(events.sent(sent,
                                        Recipients.texts(recipients))), received.stream()).toList()))
                        .call(() -> InboxLocks.lock(Stream.concat(Stream.of(inbox.inboxId),
                                ours.stream().map(local -> local.inboxId)).toList()))
                        .call(written -> Multi.createFrom().iterable(written)
                                .onItem().transformToUniAndConcatenate(events::append)
                                .collect().last())
                        .map(written -> new SendResponse(sent.messageId, sent.threadId))));
    }

    private Uni<Message> storeSent(DirectoryInbox inbox, Outgoing outgoing, Composed composed, Instant at) {
        Uni<MailThread> thread = outgoing.threadId() == null ? Uni.createFrom().nullItem()
                : MailThread.findById(outgoing.threadId());
        String messageId = composed.parsed().messageId();
        return thread.chain(existing -> existing != null ? Uni.createFrom().item(existing)
                        : MailThread.startedBy(inbox.inboxId, inbox.organizationId, inbox.podId, messageId, at)
                        .<MailThread>persist())
                .chain(mailThread -> {
                    Message message = new Message();
                    message.inboxId = inbox.inboxId;
                    message.messageId = messageId;
                    message.organizationId = inbox.organizationId;
                    message.podId = inbox.podId;
                    message.threadId = mailThread.threadId;
                    message.labels = Labels.of(List.of(Labels.SENT), outgoing.labels());
                    message.timestamp = at;
                    message.from = MailAddress.of(inbox.displayName, inbox.inboxId).toString();
                    message.replyTo = Recipients.texts(outgoing.replyTo());
                    message.to = Recipients.texts(outgoing.to());
                    message.cc = Recipients.texts(outgoing.cc());
                    message.bcc = Recipients.texts(outgoing.bcc());
                    message.subject = outgoing.subject();
                    message.text = outgoing.text();
                    message.html = outgoing.html();
                    message.preview = Preview.of(outgoing.text(), outgoing.html());
                    message.inReplyTo = outgoing.inReplyTo();
                    message.references = outgoing.references();
                    message.headers = composed.parsed().headers();
                    message.attachments = composed.parsed().attachments().stream().map(StoredAttachment::of).toList();
                    message.size = composed.raw().length;
                    message.createdAt = at;
                    message.updatedAt = at;
                    return message.<Message>persist()
                            .call(() -> new RawMessage(inbox.inboxId, messageId, composed.raw()).persist());
                });
    }

    private static Uni<Void> queueExternal(Message sent, List<String> addresses, List<DirectoryInbox> ours) {
        List<String> local = ours.stream().map(inbox -> inbox.inboxId).toList();
        return Multi.createFrom().iterable(addresses.stream().filter(address -> !local.contains(address)).toList())
                .onItem().transformToUniAndConcatenate(address ->
                        new QueuedDelivery(sent.inboxId, sent.messageId, address).persist())
                .collect().last().replaceWithVoid();
    }

    /** The message replied to or forwarded: in the inbox, and not hidden from the caller. */
    private static Uni<Message> original(Principal caller, DirectoryInbox inbox, String messageId) {
        return Messages.visible(caller, inbox, messageId);
    }

    /** The original's attachments, decoded from its raw message (on a worker), to go with a forward. */
    public Uni<List<MailAttachment>> attachmentsOf(Message original) {
        return RawMessage.<RawMessage>findById(new Message.Key(original.inboxId, original.messageId))
                .chain(raw -> vertx.executeBlocking(Uni.createFrom().item(() -> carried(original, raw)), false));
    }

    /** The original's attachments, decoded from its raw message, to go with a forward. */
    private List<MailAttachment> carried(Message original, RawMessage raw) {
        if (raw == null || original.attachments == null) {
            return List.of();
        }
        List<MailAttachment> files = new ArrayList<>();
        for (StoredAttachment attachment : original.attachments) {
            AttachmentContent.Writer content = new AttachmentContent.Writer();
            MimeReader.copyPart(new ByteArrayInputStream(raw.content), attachment.ordinal(), content);
            files.add(new MailAttachment(attachment.filename(), attachment.contentType(), attachment.disposition(),
                    attachment.contentId(), content.content()));
        }
        return files;
    }

    private static Map<String, String> headers(SendRequest request) {
        return request.headers() == null ? Map.of() : new LinkedHashMap<>(request.headers());
    }

    private static List<MessageJson.SendAttachment> attachments(SendRequest request) {
        List<MessageJson.SendAttachment> attachments = request.attachments() == null ? List.of()
                : request.attachments();
        AttachmentSources.check(attachments);
        return attachments;
    }

    private static SendRequest orEmpty(SendRequest request) {
        return request != null ? request
                : new SendRequest(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
