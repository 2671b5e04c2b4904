package dev.agentmail.thread.download;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.thread.draft.DraftAttachments;
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
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * {@code GET /downloads/{token}}: the bytes behind a signed link, without the API's authentication (the signature
 * is the permission, and it expires). A raw message streams from the database in chunks; an attachment is decoded
 * out of those chunks as they come, on a worker thread.
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
        if (link.draftId() != null) {
            return draftAttachment(link);
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
            return Uni.createFrom().item(new Download(decoded(message, attachment), Map.of(
                    "Content-Type", List.of(attachment.contentType() == null ? "application/octet-stream"
                            : attachment.contentType()),
                    "Content-Length", List.of(String.valueOf(attachment.size())),
                    "Content-Disposition", List.of(disposition(attachment)))));
        });
    }

    private Uni<Download> draftAttachment(DownloadLink link) {
        return Panache.withSession(() -> DraftAttachments.metadata(link.draftId(), link.attachmentId()))
                .map(attachment -> {
                    if (attachment == null) {
                        throw ApiException.notFound("Attachment");
                    }
                    return new Download(raw.streamDraftAttachment(link.draftId(), link.attachmentId()), Map.of(
                            "Content-Type", List.of(attachment.contentType() == null ? "application/octet-stream"
                                    : attachment.contentType()),
                            "Content-Length", List.of(String.valueOf(attachment.size())),
                            "Content-Disposition", List.of(disposition(attachment))));
                });
    }

    /**
     * The attachment's decoded bytes as they come out of the MIME parser, which reads the raw message chunk by chunk
     * on a worker thread: neither the message nor the attachment is ever whole in memory.
     */
    private Multi<Buffer> decoded(Message message, StoredAttachment attachment) {
        return Multi.createFrom().emitter(emitter -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    try (InputStream in = raw.blockingStream(message.inboxId, message.messageId);
                         OutputStream out = new BufferedOutputStream(new OutputStream() {
                             @Override
                             public void write(int b) {
                                 write(new byte[] {(byte) b}, 0, 1);
                             }

                             @Override
                             public void write(byte[] bytes, int offset, int length) {
                                 emitter.emit(Buffer.buffer(Arrays.copyOfRange(bytes, offset, offset + length)));
                             }
                         }, 64 * 1024)) {
                        MimeReader.copyPart(in, attachment.ordinal(), out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return true;
                }), false)
                .subscribe().with(done -> emitter.complete(), emitter::fail));
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
