package dev.agentmail.thread.message;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.thread.fetch.AttachmentFetcher;
import dev.agentmail.thread.mailbox.MessageJson.SendAttachment;
import dev.agentmail.thread.mime.AttachmentContent;
import dev.agentmail.thread.mime.MailAttachment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The bytes of a send's attachments: decoded from base64 {@code content} (as the request was read, by
 * {@link InlineAttachments}), or fetched from {@code url} (http or https, from public addresses only:
 * {@link AttachmentFetcher}), all together bounded by the message's size limit. Blocking: call it on a worker thread.
 */
public final class AttachmentSources {

    /** The most attachments one request may give; each is listed in the message's events and in its thread. */
    static final int MAX_ATTACHMENTS = 100;

    /** The most attachments one message may have fetched by URL: each costs a connection and a wait. */
    static final int MAX_URL_ATTACHMENTS = 10;

    /** type/subtype, optionally with parameters: the tokens of RFC 2045. */
    private static final Pattern MIME_TYPE = Pattern.compile(
            "[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;.*)?");

    private AttachmentSources() {
    }

    private static void oneLine(String field, String value) {
        if (value != null && (value.chars().anyMatch(Character::isISOControl) || value.length() > 998)) {
            throw ApiException.invalidField(field, "must be one line of at most 998 characters, without control "
                    + "characters");
        }
    }

    /** Checks what can be checked without fetching, so a bad request is refused before any work. */
    public static void check(List<SendAttachment> attachments) {
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw ApiException.invalidField("attachments", "at most " + MAX_ATTACHMENTS + " attachments");
        }
        if (attachments.stream().filter(attachment -> attachment != null && attachment.url() != null).count()
                > MAX_URL_ATTACHMENTS) {
            throw ApiException.invalidField("attachments", "at most " + MAX_URL_ATTACHMENTS
                    + " may be given by url; send the others as content");
        }
        for (int i = 0; i < attachments.size(); i++) {
            SendAttachment attachment = attachments.get(i);
            String field = "attachments[" + i + "]";
            if (attachment == null) {
                throw ApiException.invalidField(field, "must be an object");
            }
            boolean hasContent = attachment.content() != null;
            boolean hasUrl = attachment.url() != null;
            if (hasContent == hasUrl) {
                throw ApiException.invalidField(field, "give exactly one of content (base64) and url");
            }
            if (hasUrl) {
                AttachmentFetcher.parse(field + ".url", attachment.url().strip());
            }
            String disposition = attachment.contentDisposition();
            if (disposition != null && !disposition.equals("inline") && !disposition.equals("attachment")) {
                throw ApiException.invalidField(field + ".content_disposition", "must be inline or attachment");
            }
            // These go into the attachment's MIME headers: a line break would end the header and start another.
            oneLine(field + ".filename", attachment.filename());
            oneLine(field + ".content_id", attachment.contentId());
            oneLine(field + ".content_type", attachment.contentType());
            if (attachment.contentType() != null && !attachment.contentType().isBlank()
                    && !MIME_TYPE.matcher(attachment.contentType()).matches()) {
                throw ApiException.invalidField(field + ".content_type", "must be a MIME type such as text/plain");
            }
        }
    }

    /**
     * The attachments' bytes: content decoded already as the request was read, or fetched from url now, all the
     * fetches within {@code timeout} together.
     */
    public static List<MailAttachment> resolve(List<SendAttachment> attachments, long maxBytes, Duration timeout,
                                               AttachmentFetcher fetcher) {
        Instant deadline = Instant.now().plus(timeout);
        List<MailAttachment> resolved = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < attachments.size(); i++) {
            SendAttachment attachment = attachments.get(i);
            AttachmentContent content = attachment.content() != null ? attachment.content()
                    : fetcher.fetch("attachments[" + i + "].url", attachment.url().strip(), maxBytes - total, deadline);
            total += content.size();
            if (total > maxBytes) {
                throw new MessageTooLarge("The attachments exceed the message size limit of " + maxBytes + " bytes.");
            }
            String contentType = attachment.contentType() != null && !attachment.contentType().isBlank()
                    ? attachment.contentType() : "application/octet-stream";
            resolved.add(new MailAttachment(attachment.filename(), contentType, attachment.contentDisposition(),
                    attachment.contentId(), content));
        }
        return resolved;
    }
}
