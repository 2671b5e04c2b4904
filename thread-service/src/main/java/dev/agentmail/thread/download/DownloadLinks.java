package dev.agentmail.thread.download;

import dev.agentmail.thread.mailbox.Message;
import dev.agentmail.thread.mailbox.MessageJson;
import dev.agentmail.thread.mailbox.StoredAttachment;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Makes and checks the signed links that {@code GET .../raw} and {@code GET .../attachments/{id}} answer with. */
@ApplicationScoped
public class DownloadLinks {

    private final DownloadConfig config;
    private final byte[] key;

    DownloadLinks(DownloadConfig config) {
        this.config = config;
        this.key = config.secret().map(secret -> secret.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        });
    }

    /** {@code RawMessageResponse}. */
    public MessageJson.RawView raw(Message message) {
        DownloadLink link = new DownloadLink(message.inboxId, message.messageId, null, expiry());
        return new MessageJson.RawView(message.messageId, message.size, url(link), link.expiresAt());
    }

    /** {@code AttachmentResponse}. */
    public MessageJson.AttachmentDownload attachment(Message message, StoredAttachment attachment) {
        DownloadLink link = new DownloadLink(message.inboxId, message.messageId, attachment.attachmentId(), expiry());
        return new MessageJson.AttachmentDownload(attachment.attachmentId(), attachment.filename(), attachment.size(),
                attachment.contentType(), attachment.disposition(), attachment.contentId(), url(link),
                link.expiresAt());
    }

    /** {@code AttachmentResponse} for a draft's attachment. */
    public MessageJson.AttachmentDownload draftAttachment(String inboxId, String draftId, StoredAttachment attachment) {
        DownloadLink link = new DownloadLink(inboxId, DownloadLink.DRAFT + draftId, attachment.attachmentId(),
                expiry());
        return new MessageJson.AttachmentDownload(attachment.attachmentId(), attachment.filename(), attachment.size(),
                attachment.contentType(), attachment.disposition(), attachment.contentId(), url(link),
                link.expiresAt());
    }

    public DownloadLink verify(String token) {
        return DownloadLink.verify(key, token, Instant.now());
    }

    private Instant expiry() {
        return Instant.now().plus(config.validity()).truncatedTo(ChronoUnit.SECONDS);
    }

    private String url(DownloadLink link) {
        String base = config.baseUrl().endsWith("/") ? config.baseUrl().substring(0, config.baseUrl().length() - 1)
                : config.baseUrl();
        return base + "/downloads/" + URLEncoder.encode(link.sign(key), StandardCharsets.UTF_8);
    }
}
