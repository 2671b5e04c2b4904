package dev.agentmail.thread.mailbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.agentmail.thread.mime.AttachmentContent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The messages' wire records, AgentMail's shapes (snake_case by the service's Jackson naming). */
public final class MessageJson {

    private MessageJson() {
    }

    /** {@code Attachment}. */
    public record AttachmentView(String attachmentId, String filename, long size, String contentType,
                                 String contentDisposition, String contentId) {

        public static AttachmentView of(StoredAttachment attachment) {
            return new AttachmentView(attachment.attachmentId(), attachment.filename(), attachment.size(),
                    attachment.contentType(), attachment.disposition(), attachment.contentId());
        }

        public static List<AttachmentView> of(List<StoredAttachment> attachments) {
            return attachments == null || attachments.isEmpty() ? null
                    : attachments.stream().map(AttachmentView::of).toList();
        }
    }

    /** {@code Message}: the whole message, with its bodies. */
    public record MessageView(String inboxId, String threadId, String messageId, List<String> labels,
                              Instant timestamp, String from, List<String> replyTo, List<String> to,
                              List<String> cc, List<String> bcc, String subject, String preview, String text,
                              String html, List<AttachmentView> attachments, String inReplyTo,
                              List<String> references, Map<String, String> headers, long size, Instant updatedAt,
                              Instant createdAt) {

        public static MessageView of(Message message) {
            return new MessageView(message.inboxId, message.threadId, message.messageId, message.labels,
                    message.timestamp, message.from, emptyAsNull(message.replyTo), message.to,
                    emptyAsNull(message.cc), emptyAsNull(message.bcc), message.subject, message.preview,
                    message.text, message.html, AttachmentView.of(message.attachments), message.inReplyTo,
                    emptyAsNull(message.references), message.headers, message.size, message.updatedAt,
                    message.createdAt);
        }

        /** The message without {@code text} and {@code html}, for an event that would be too large with them. */
        public MessageView withoutBodies() {
            return new MessageView(inboxId, threadId, messageId, labels, timestamp, from, replyTo, to, cc, bcc,
                    subject, preview, null, null, attachments, inReplyTo, references, headers, size, updatedAt,
                    createdAt);
        }

        /** The message without its headers either: they can be as large as the message (the raw one has them). */
        public MessageView withoutHeaders() {
            return new MessageView(inboxId, threadId, messageId, labels, timestamp, from, replyTo, to, cc, bcc,
                    subject, preview, text, html, attachments, inReplyTo, references, null, size, updatedAt,
                    createdAt);
        }

        public MessageView withoutAttachments() {
            return new MessageView(inboxId, threadId, messageId, labels, timestamp, from, replyTo, to, cc, bcc,
                    subject, preview, text, html, null, inReplyTo, references, headers, size, updatedAt, createdAt);
        }

        /** Which message it is and little more: what an event of any message can hold. */
        public MessageView skeleton() {
            return new MessageView(inboxId, threadId, messageId, labels, timestamp, from, null, null, null, null,
                    null, null, null, null, null, null, null, null, size, updatedAt, createdAt);
        }
    }

    /** {@code MessageItem}: a message in a list, without its bodies. */
    public record MessageItem(String inboxId, String threadId, String messageId, List<String> labels,
                              Instant timestamp, String from, List<String> to, List<String> cc, List<String> bcc,
                              String subject, String preview, List<AttachmentView> attachments, String inReplyTo,
                              List<String> references, Map<String, String> headers, long size, Instant updatedAt,
                              Instant createdAt) {

        public static MessageItem of(Message message) {
            return new MessageItem(message.inboxId, message.threadId, message.messageId, message.labels,
                    message.timestamp, message.from, message.to, emptyAsNull(message.cc), emptyAsNull(message.bcc),
                    message.subject, message.preview, AttachmentView.of(message.attachments), message.inReplyTo,
                    emptyAsNull(message.references), message.headers, message.size, message.updatedAt,
                    message.createdAt);
        }
    }

    /** {@code ListMessagesResponse}. */
    public record MessageList(int count, int limit, String nextPageToken, List<MessageItem> messages) {
    }

    /** {@code BatchGetMessagesResponse}. */
    public record MessageBatch(int limit, int count, List<MessageView> messages) {
    }

    /**
     * {@code SendAttachment}: the content inline (base64 on the wire, decoded as it is read by
     * {@link InlineAttachments}) or at a URL.
     */
    public record SendAttachment(String filename, String contentType, String contentDisposition, String contentId,
                                 @JsonSerialize(using = ContentDigest.class) AttachmentContent content, String url) {
    }

    /**
     * {@code SendMessageRequest}, also the body of reply, reply-all and forward. Address fields are a string or an
     * array of strings, kept as JSON until {@link Recipients} reads them.
     */
    public record SendRequest(List<String> labels, JsonNode replyTo, JsonNode to, JsonNode cc, JsonNode bcc,
                              String subject, String text, String html,
                              @JsonDeserialize(using = InlineAttachments.class) List<SendAttachment> attachments,
                              Map<String, String> headers, Boolean trackOpens, Boolean replyAll) {
    }

    /** {@code SendMessageResponse}. */
    public record SendResponse(String messageId, String threadId) {
    }

    /** {@code UpdateMessageRequest}: labels as a string or an array of strings. */
    public record UpdateRequest(JsonNode addLabels, JsonNode removeLabels) {
    }

    /** {@code UpdateMessageResponse}. */
    public record UpdateResponse(String messageId, List<String> labels) {
    }

    /** {@code BatchGetMessagesRequest}. */
    public record BatchGetRequest(List<String> messageIds) {
    }

    /** {@code BatchUpdateMessagesRequest}. */
    public record BatchUpdateRequest(List<String> messageIds, JsonNode addLabels, JsonNode removeLabels) {
    }

    /** {@code BatchUpdateMessagesResponse}. */
    public record BatchUpdateResponse(int limit, int count, List<UpdateResponse> updates) {
    }

    /** {@code AttachmentResponse}: the attachment and a signed link to its bytes. */
    public record AttachmentDownload(String attachmentId, String filename, long size, String contentType,
                                     String contentDisposition, String contentId, String downloadUrl,
                                     Instant expiresAt) {
    }

    /** {@code RawMessageResponse}. */
    public record RawView(String messageId, long size, String downloadUrl, Instant expiresAt) {
    }

    static <T> List<T> emptyAsNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
