package dev.agentmail.thread.message;

import dev.agentmail.thread.ThreadConfig;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body larger than {@code agentmail.thread.max-request-bytes} is refused with 413 in the API's error
 * format: at once when its Content-Length says so, before any of it is read; and a body without one (chunked) as
 * soon as more than that has been read from it. Vert.x's own limit ({@code quarkus.http.limits.max-body-size}) stays
 * above this one as a backstop only, since its 413 has an empty body.
 */
@Provider
@ApplicationScoped
public class RequestSizeLimit implements ReaderInterceptor {

    private final long limit;
    private final String message;
    private final CurrentVertxRequest current;

    RequestSizeLimit(ThreadConfig config, CurrentVertxRequest current) {
        this.limit = config.maxRequestBytes();
        this.message = "The request body is larger than " + limit
                + " bytes. Send attachments of at most 25 MB in all, or give large ones by url.";
        this.current = current;
    }

    void install(@Observes Router router) {
        String body = "{\"name\":\"PayloadTooLargeError\",\"message\":\"" + message + "\"}";
        router.route("/v0/*").order(-1000).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && declared(length) > limit) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
                return;
            }
            context.next();
        });
    }

    /**
     * Counts what the body's reader takes. Past the limit the reading fails, and whatever the reader made of that
     * failure (Jackson wraps it in its own errors) the answer is 413; the connection is closed after it, as the rest
     * of the body is not worth receiving.
     */
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Counted body = new Counted(context.getInputStream());
        context.setInputStream(body);
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            if (body.count > limit) {
                RoutingContext routing = current.getCurrent();
                routing.response().putHeader(HttpHeaders.CONNECTION, "close");
                routing.addEndHandler(ended -> routing.request().connection().close());
                throw new MessageTooLarge(message);
            }
            throw e;
        }
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body as its reader takes it, failing once past the limit. */
    private final class Counted extends FilterInputStream {

        private long count;

        Counted(InputStream body) {
            super(body);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        /** Once past the limit the rest of the body is left unread: closing the request's stream would drain it. */
        @Override
        public void close() throws IOException {
            if (count <= limit) {
                super.close();
            }
        }

        private void counted(long n) throws IOException {
            count += n;
            if (count > limit) {
                throw new IOException("the request body is larger than " + limit + " bytes");
            }
        }
    }
}
