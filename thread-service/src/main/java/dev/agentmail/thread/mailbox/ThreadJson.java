package dev.agentmail.thread.mailbox;

import dev.agentmail.thread.mailbox.MessageJson.AttachmentView;
import dev.agentmail.thread.mailbox.MessageJson.MessageView;
import java.time.Instant;
import java.util.List;

/** The threads' wire records, AgentMail's shapes. */
public final class ThreadJson {

    private ThreadJson() {
    }

    /** {@code ThreadItem}: a thread in a list and in message.received events. */
    public record ThreadItem(String inboxId, String threadId, List<String> labels, Instant timestamp,
                             Instant receivedTimestamp, Instant sentTimestamp, List<String> senders,
                             List<String> recipients, String subject, String preview,
                             List<AttachmentView> attachments, String lastMessageId, int messageCount, long size,
                             Instant updatedAt, Instant createdAt) {

        public static ThreadItem of(MailThread thread) {
            return new ThreadItem(thread.inboxId, thread.threadId, thread.labels, thread.timestamp,
                    thread.receivedTimestamp, thread.sentTimestamp, thread.senders, thread.recipients,
                    thread.subject, thread.preview, AttachmentView.of(thread.attachments), thread.lastMessageId,
                    thread.messageCount, thread.size, thread.updatedAt, thread.createdAt);
        }

        public ThreadItem withoutAttachments() {
            return new ThreadItem(inboxId, threadId, labels, timestamp, receivedTimestamp, sentTimestamp, senders,
                    recipients, subject, preview, null, lastMessageId, messageCount, size, updatedAt, createdAt);
        }

        /** Which thread it is and little more: what an event of any thread can hold. */
        public ThreadItem skeleton() {
            return new ThreadItem(inboxId, threadId, labels, timestamp, receivedTimestamp, sentTimestamp, null, null,
                    null, null, null, lastMessageId, messageCount, size, updatedAt, createdAt);
        }
    }

    /** {@code Thread}: the thread with its messages, oldest first; {@code count} is the number of messages shown. */
    public record ThreadView(String inboxId, String threadId, List<String> labels, Instant timestamp,
                             Instant receivedTimestamp, Instant sentTimestamp, List<String> senders,
                             List<String> recipients, String subject, String preview,
                             List<AttachmentView> attachments, String lastMessageId, int messageCount, long size,
                             Instant updatedAt, Instant createdAt, int count, List<MessageView> messages) {

        public static ThreadView of(MailThread thread, List<MessageView> messages) {
            return new ThreadView(thread.inboxId, thread.threadId, thread.labels, thread.timestamp,
                    thread.receivedTimestamp, thread.sentTimestamp, thread.senders, thread.recipients,
                    thread.subject, thread.preview, AttachmentView.of(thread.attachments), thread.lastMessageId,
                    thread.messageCount, thread.size, thread.updatedAt, thread.createdAt, messages.size(), messages);
        }
    }

    /** {@code ListThreadsResponse}. */
    public record ThreadList(int count, int limit, String nextPageToken, List<ThreadItem> threads) {
    }

    /** {@code UpdateThreadRequest}. */
    public record UpdateRequest(List<String> addLabels, List<String> removeLabels) {
    }

    /** {@code UpdateThreadResponse}. */
    public record UpdateResponse(String threadId, List<String> labels) {
    }
}
