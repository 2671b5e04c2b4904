package dev.agentmail.thread.download;

import dev.agentmail.runtime.error.ApiErrors;
import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.thread.mailbox.DraftAttachments;
import dev.agentmail.thread.mailbox.Message;
import dev.agentmail.thread.mailbox.StoredAttachment;
import dev.agentmail.thread.mime.MimeReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * {@code GET} and {@code HEAD /downloads/{token}}: the bytes behind a signed link, without the API's authentication
 * (the signature is the permission, and it expires). The answer has a Content-Length (the stored size) and is
 * streamed: a raw message from the database in chunks, an attachment decoded out of those chunks on a worker thread,
 * each next chunk read only once the client has taken the last one.
 * <p>
 * Served on Vert.x' router, not by Quarkus REST: REST sends a {@code Multi} chunked whatever headers it is given, and
 * chunked with a Content-Length is invalid HTTP/1.1, which the gateway's HTTP client refuses (a 502 for the client).
 */
@ApplicationScoped
public class DownloadsRoute {

    private static final Logger LOG = Logger.getLogger(DownloadsRoute.class);
    /** Decoded attachment bytes read per trip to a worker thread. */
    private static final int DECODED_CHUNK = 64 * 1024;

    private final DownloadLinks links;
    private final RawContent raw;
    private final Vertx vertx;

    DownloadsRoute(DownloadLinks links, RawContent raw, Vertx vertx) {
        this.links = links;
        this.raw = raw;
        this.vertx = vertx;
    }

    /** What a link names: its headers, and its bytes, read only when subscribed to (never for HEAD). */
    private record Download(String contentType, String disposition, long length, Multi<Buffer> body) {
    }

    void install(@Observes Router router) {
        router.route("/downloads/:token").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::download);
    }

    private void download(RoutingContext context) {
        resolve(context.pathParam("token")).subscribe().with(
                download -> send(context, download),
                failure -> refuse(context, failure));
    }

    private Uni<Download> resolve(String token) {
        DownloadLink link = links.verify(token);
        if (link == null) {
            return Uni.createFrom().failure(ApiException.notFound("Download link (it may have expired)"));
        }
        if (link.draftId() != null) {
            return Panache.withSession(() -> DraftAttachments.metadata(link.draftId(), link.attachmentId()))
                    .map(attachment -> {
                        if (attachment == null) {
                            throw ApiException.notFound("Attachment");
                        }
                        return of(attachment, raw.streamDraftAttachment(link.draftId(), link.attachmentId()));
                    });
        }
        return Panache.withSession(() -> Message.findInInbox(link.inboxId(), link.messageId())).map(message -> {
            if (message == null) {
                throw ApiException.notFound("Message");
            }
            if (link.attachmentId() == null) {
                return new Download("message/rfc822", "attachment; filename=\"message.eml\"", message.size,
                        raw.stream(message.inboxId, message.messageId));
            }
            StoredAttachment attachment = message.attachments == null ? null : message.attachments.stream()
                    .filter(a -> a.attachmentId().equals(link.attachmentId())).findFirst().orElse(null);
            if (attachment == null) {
                throw ApiException.notFound("Attachment");
            }
            return of(attachment, decoded(message, attachment));
        });
    }

    private static Download of(StoredAttachment attachment, Multi<Buffer> body) {
        return new Download(attachment.contentType() == null ? "application/octet-stream" : attachment.contentType(),
                disposition(attachment), attachment.size(), body);
    }

    /**
     * The attachment's decoded bytes, pulled from the MIME parser one chunk per worker trip as they are written, so
     * neither the message nor the attachment is ever whole in memory, and no worker waits on a slow client.
     */
    private Multi<Buffer> decoded(Message message, StoredAttachment attachment) {
        return vertx.executeBlocking(() -> MimeReader.openPart(raw.blockingStream(message.inboxId, message.messageId),
                        attachment.ordinal()), false)
                .onItem().ifNull().failWith(() -> new IllegalStateException("attachment " + attachment.attachmentId()
                        + " is not in the raw message of " + message.messageId))
                .onItem().transformToMulti(part -> Multi.createBy().repeating()
                        .uni(() -> vertx.executeBlocking(() -> Buffer.buffer(part.readNBytes(DECODED_CHUNK)), false))
                        .whilst(chunk -> chunk.length() == DECODED_CHUNK))
                .select().where(chunk -> chunk.length() > 0);
    }

    /**
     * Headers first, then each chunk once the one before has been written to the connection. The type is the
     * sender's, and the link is on the API's origin: a browser must neither guess another type (nosniff) nor run
     * what it shows, an HTML attachment say, with that origin's rights (a sandbox that allows nothing).
     */
    private static void send(RoutingContext context, Download download) {
        HttpServerResponse response = HttpServerResponse.newInstance(context.response())
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), download.contentType())
                .putHeader(HttpHeaders.CONTENT_DISPOSITION.toString(), download.disposition())
                .putHeader(HttpHeaders.CONTENT_LENGTH.toString(), Long.toString(download.length()))
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", "sandbox; default-src 'none'");
        if (context.request().method() == HttpMethod.HEAD) {
            response.endAndForget();
            return;
        }
        download.body().onItem().transformToUniAndConcatenate(response::write).onItem().ignoreAsUni()
                .chain(() -> response.end())
                .subscribe().with(done -> { }, failure -> {
                    // The path is left out of the log: its token is the permission to download.
                    if (response.closed()) {
                        LOG.debug("a download was abandoned by its client");
                        return;
                    }
                    // The Content-Length is promised: closing short of it is how the client learns of the failure.
                    LOG.error("a download failed while streaming", failure);
                    response.reset();
                });
    }

    /** In the API's error format, as Quarkus REST's exception mappers would have answered. */
    private static void refuse(RoutingContext context, Throwable failure) {
        ApiException refusal = failure instanceof ApiException known ? known : null;
        if (refusal == null) {
            LOG.error("download failed", failure);
        }
        context.response().setStatusCode(refusal == null ? 500 : refusal.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(refusal == null ? ApiErrors.UNEXPECTED : refusal.error()));
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
