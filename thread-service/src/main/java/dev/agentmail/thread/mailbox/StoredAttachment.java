package dev.agentmail.thread.mailbox;

import dev.agentmail.thread.mime.ParsedAttachment;
import java.util.UUID;

/**
 * An attachment as a message row lists it (jsonb). Its bytes stay in the raw message: {@code ordinal} is its MIME
 * leaf part there, from which it is streamed on download.
 */
public record StoredAttachment(String attachmentId, int ordinal, String filename, String contentType,
                               String disposition, String contentId, long size) {

    public static StoredAttachment of(ParsedAttachment part) {
        return new StoredAttachment("att_" + UUID.randomUUID().toString().replace("-", ""), part.ordinal(),
                part.filename(), part.contentType(), part.disposition(), part.contentId(), part.size());
    }
}
