package dev.agentmail.thread.transport;

import dev.agentmail.thread.directory.DirectoryInbox;
import dev.agentmail.thread.directory.InboxLocks;
import dev.agentmail.thread.label.Labels;
import dev.agentmail.thread.mailbox.MailThread;
import dev.agentmail.thread.mailbox.Message;
import dev.agentmail.thread.mailbox.MessageEvents;
import dev.agentmail.thread.mailbox.Preview;
import dev.agentmail.thread.mailbox.RawMessage;
import dev.agentmail.thread.mailbox.StoredAttachment;
import dev.agentmail.thread.mailbox.ThreadSummary;
import dev.agentmail.thread.mailbox.Threading;
import dev.agentmail.thread.mime.ParsedMail;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Puts a message into one of our inboxes as received mail: stored raw as it arrived, threaded by its
 * In-Reply-To/References within that inbox, labelled {@code received} and {@code unread}, announced by
 * {@code message.received}. The one way in for mail, whether it comes from another of our inboxes or (later) over
 * SMTP. Runs in the caller's transaction.
 */
@ApplicationScoped
public class LocalDelivery {

    private final MessageEvents events;

    LocalDelivery(MessageEvents events) {
        this.events = events;
    }

    /**
     * The whole way in for one message to one inbox (as SMTP will use it): store, summarize the thread, lock the
     * inbox, announce.
     */
    public Uni<Message> receive(DirectoryInbox inbox, byte[] raw, ParsedMail mail, Instant at) {
        return store(inbox, raw, mail, at).call(message -> message == null ? Uni.createFrom().voidItem()
                : ThreadSummary.afterStoring(List.of(message.stored()))
                        .chain(() -> receivedEvent(message))
                        .call(() -> InboxLocks.lock(List.of(inbox.inboxId)))
                        .chain(events::append));
    }

    /**
     * Stores the message in the inbox, without summarizing its thread or announcing it: the caller brings the
     * threads it touched up to date ({@link ThreadSummary#afterStoring}), writes the events ({@link #receivedEvent}),
     * locks the inboxes and appends them. Null when the inbox has received this message before (once is enough).
     */
    public Uni<Message> store(DirectoryInbox inbox, byte[] raw, ParsedMail mail, Instant at) {
        return Message.findInInboxToChange(inbox.inboxId, mail.messageId()).chain(existing -> {
            if (existing == null) {
                return storeNew(inbox, raw, mail, at);
            }
            if (existing.labels.contains(Labels.RECEIVED)) {
                return Uni.createFrom().nullItem();
            }
            // Sent to itself: the inbox's sent copy is also what it received.
            existing.labels = Labels.change(existing.labels, List.of(Labels.RECEIVED, Labels.UNREAD), List.of());
            existing.updatedAt = at;
            return Uni.createFrom().item(existing);
        });
    }

    /**
     * message.received with the message's thread as its summary now stands, written, for the caller to append once
     * it holds the inbox's lock.
     */
    public Uni<MessageEvents.WrittenEvent> receivedEvent(Message message) {
        return ThreadSummary.current(message.threadId).map(thread -> events.received(message, thread));
    }

    private Uni<Message> storeNew(DirectoryInbox inbox, byte[] raw, ParsedMail mail, Instant at) {
        return Threading.existingThread(inbox.inboxId, mail.inReplyTo(), mail.references())
                .chain(threadId -> threadId != null ? MailThread.<MailThread>findById(threadId)
                        : MailThread.startedBy(inbox.inboxId, inbox.organizationId, inbox.podId, mail.messageId(), at)
                        .<MailThread>persist())
                .chain(thread -> {
                    Message message = new Message();
                    message.inboxId = inbox.inboxId;
                    message.messageId = mail.messageId();
                    message.organizationId = inbox.organizationId;
                    message.podId = inbox.podId;
                    message.threadId = thread.threadId;
                    message.labels = Labels.of(List.of(Labels.RECEIVED, Labels.UNREAD), List.of());
                    message.timestamp = at;
                    message.from = mail.from() == null ? "" : mail.from();
                    message.replyTo = mail.replyTo();
                    message.to = mail.to();
                    message.cc = mail.cc();
                    message.subject = mail.subject();
                    message.text = mail.text();
                    message.html = mail.html();
                    message.preview = Preview.of(mail.text(), mail.html());
                    message.inReplyTo = mail.inReplyTo();
                    message.references = mail.references();
                    message.headers = mail.headers();
                    message.attachments = mail.attachments().stream().map(StoredAttachment::of).toList();
                    message.size = raw.length;
                    message.createdAt = at;
                    message.updatedAt = at;
                    return message.<Message>persist()
                            .call(() -> new RawMessage(inbox.inboxId, mail.messageId(), raw).persist());
                });
    }
}
