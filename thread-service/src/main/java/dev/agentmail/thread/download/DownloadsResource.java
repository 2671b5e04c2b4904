package dev.agentmail.thread.download;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.thread.message.Message;
import dev.agentmail.thread.message.StoredAttachment;
import dev.agentmail.thread.mime.MimeReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * {@code GET /downloads/{token}}: the bytes behind a signed link, without the API's authentication (the signature
 * is the permission, and it expires). A raw message streams from the database in chunks; an attachment is decoded
 * from it on a worker thread.
 */
@Path("/downloads/{token}")
public class DownloadsResource {

    private final DownloadLinks links;
    private final RawContent raw;
    private final Vertx vertx;

    DownloadsResource(DownloadLinks links, RawContent raw, Vertx vertx) {
        this.links = links;
        this.raw = raw;
        this.vertx = vertx;
    }

    /** The bytes to send and their headers. */
    private record Download(Multi<Buffer> body, Map<String, List<String>> headers) {
    }

    @GET
    public Multi<Buffer> download(@RestPath String token) {
        return RestMulti.fromUniResponse(resolve(token), Download::body, Download::headers, download -> 200);
    }

    private Uni<Download> resolve(String token) {
        DownloadLink link = links.verify(token);
        if (link == null) {
            return Uni.createFrom().failure(ApiException.notFound("Download link (it may have expired)"));
        }
        return Panache.withSession(() -> Message.findInInbox(link.inboxId(), link.messageId())).chain(message -> {
            if (message == null) {
                throw ApiException.notFound("Message");
            }
            if (link.attachmentId() == null) {
                return Uni.createFrom().item(new Download(raw.stream(message.inboxId, message.messageId), Map.of(
                        "Content-Type", List.of("message/rfc822"),
                        "Content-Length", List.of(String.valueOf(message.size)),
                        "Content-Disposition", List.of("attachment; filename=\"message.eml\""))));
            }
            StoredAttachment attachment = message.attachments == null ? null : message.attachments.stream()
                    .filter(a -> a.attachmentId().equals(link.attachmentId())).findFirst().orElse(null);
            if (attachment == null) {
                throw ApiException.notFound("Attachment");
            }
            return raw.read(message.inboxId, message.messageId)
                    .chain(bytes -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream((int) attachment.size());
                        MimeReader.copyPart(new ByteArrayInputStream(bytes), attachment.ordinal(), out);
                        return out.toByteArray();
                    }), false))
                    .map(bytes -> new Download(Multi.createFrom().item(Buffer.buffer(bytes)), Map.of(
                            "Content-Type", List.of(attachment.contentType() == null ? "application/octet-stream"
                                    : attachment.contentType()),
                            "Content-Length", List.of(String.valueOf(bytes.length)),
                            "Content-Disposition", List.of(disposition(attachment)))));
        });
    }

    private static String disposition(StoredAttachment attachment) {
        String type = "inline".equals(attachment.disposition()) ? "inline" : "attachment";
        if (attachment.filename() == null) {
            return type;
        }
        // RFC 6266 / 5987: the UTF-8 name for clients that read it.
        return type + "; filename*=UTF-8''" + URLEncoder.encode(attachment.filename(), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

}
