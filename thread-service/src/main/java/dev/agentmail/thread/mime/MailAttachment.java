package dev.agentmail.thread.mime;

/** An attachment to write into a message: its decoded bytes and how to label them. */
public record MailAttachment(String filename, String contentType, String disposition, String contentId,
                             AttachmentContent content) {

    public MailAttachment(String filename, String contentType, String disposition, String contentId, byte[] content) {
        this(filename, contentType, disposition, contentId, AttachmentContent.of(content));
    }
}
