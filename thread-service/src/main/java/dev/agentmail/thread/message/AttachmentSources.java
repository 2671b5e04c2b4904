package dev.agentmail.thread.message;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.thread.message.MessageJson.SendAttachment;
import dev.agentmail.thread.mime.AttachmentContent;
import dev.agentmail.thread.mime.MailAttachment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bytes of a send's attachments: decoded from base64 {@code content} (as the request was read, by
 * {@link InlineAttachments}), or fetched from {@code url} (http or https), all together bounded by the message's size
 * limit. Blocking: call it on a worker thread.
 */
public final class AttachmentSources {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();

    private AttachmentSources() {
    }

    /** Checks what can be checked without fetching, so a bad request is refused before any work. */
    public static void check(List<SendAttachment> attachments) {
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
                String scheme;
                try {
                    scheme = URI.create(attachment.url().strip()).getScheme();
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalidField(field + ".url", "is not a URL");
                }
                if (scheme == null || !List.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT))) {
                    throw ApiException.invalidField(field + ".url", "must be an http or https URL");
                }
            }
            String disposition = attachment.contentDisposition();
            if (disposition != null && !disposition.equals("inline") && !disposition.equals("attachment")) {
                throw ApiException.invalidField(field + ".content_disposition", "must be inline or attachment");
            }
        }
    }

    /** The attachments' bytes: content decoded already as the request was read, or fetched from url now. */
    public static List<MailAttachment> resolve(List<SendAttachment> attachments, long maxBytes, Duration timeout) {
        List<MailAttachment> resolved = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < attachments.size(); i++) {
            SendAttachment attachment = attachments.get(i);
            AttachmentContent content = attachment.content() != null ? attachment.content()
                    : fetch("attachments[" + i + "]", attachment.url().strip(), maxBytes - total, timeout);
            total += content.size();
            if (total > maxBytes) {
                throw new MessageTooLarge("The attachments exceed the message size limit of " + maxBytes + " bytes.");
            }
            String contentType = attachment.contentType() != null ? attachment.contentType()
                    : "application/octet-stream";
            resolved.add(new MailAttachment(attachment.filename(), contentType, attachment.contentDisposition(),
                    attachment.contentId(), content));
        }
        return resolved;
    }

    private static AttachmentContent fetch(String field, String url, long maxBytes, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw ApiException.invalidField(field + ".url", "answered HTTP " + response.statusCode());
                }
                AttachmentContent.Writer out = new AttachmentContent.Writer();
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = body.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    if (out.size() > maxBytes) {
                        throw new MessageTooLarge("The attachment at " + field + ".url exceeds the message size limit.");
                    }
                }
                return out.content();
            }
        } catch (IOException e) {
            throw ApiException.invalidField(field + ".url", "could not be fetched: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.invalidField(field + ".url", "fetching was interrupted");
        }
    }
}
