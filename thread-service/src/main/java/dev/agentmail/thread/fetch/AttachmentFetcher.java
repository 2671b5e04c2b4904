package dev.agentmail.thread.fetch;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.thread.mime.AttachmentContent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fetches an attachment a send names by URL, from the public internet only ({@link EgressPolicy}). The host
 * is resolved here and the connection made to the address that was checked (TLS still verifies the host's name),
 * so a name that resolves differently a moment later cannot lead inside. Redirects are followed by hand, each
 * target checked the same way, at most {@link #MAX_REDIRECTS}. A refusal says what the URL points to, never what
 * an inside address answered. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class AttachmentFetcher {

    static final int MAX_REDIRECTS = 3;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** Where a response led: to its content, or to another URL. */
    private record Answer(AttachmentContent content, String location) {
    }

    private final HttpClient client;
    private final EgressPolicy policy;

    AttachmentFetcher(Vertx vertx, @ConfigProperty(name = "agentmail.egress.allow") Optional<List<String>> allowed) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setVerifyHost(true));
        this.policy = new EgressPolicy(allowed.orElse(List.of()));
    }

    /**
     * The bytes at {@code url} by {@code deadline}; past {@code maxBytes} it stops reading, and what it answers is
     * then larger than {@code maxBytes}, for the caller to refuse.
     *
     * @param field the request field that named the URL, for the errors ({@code attachments[0].url})
     */
    public AttachmentContent fetch(String field, String url, long maxBytes, Instant deadline) {
        URI target = parse(field, url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Answer answer = get(field, target, maxBytes, deadline);
            if (answer.location() == null) {
                return answer.content();
            }
            target = parse(field, target.resolve(answer.location().strip()).toString());
        }
        throw ApiException.invalidField(field, "redirects more than " + MAX_REDIRECTS + " times");
    }

    /** The URL, if it is an http or https URL with a host; else 400 on {@code field}. */
    public static URI parse(String field, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw ApiException.invalidField(field, "must be an http or https URL with a host");
        }
        return uri;
    }

    /** The one address of the host to connect to: every address it has must be one we may fetch from. */
    private InetAddress checkedAddress(String field, String host, int port) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw ApiException.invalidField(field, "names a host that does not resolve: " + host);
        }
        for (InetAddress address : all) {
            if (!policy.admits(host, address, port)) {
                throw ApiException.invalidField(field, "points to a private, local or reserved address; attachments "
                        + "are fetched from the public internet only");
            }
        }
        return all[0];
    }

    private Answer get(String field, URI uri, long maxBytes, Instant deadline) {
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        InetAddress address = checkedAddress(field, uri.getHost(), port);
        long remaining = Duration.between(Instant.now(), deadline).toMillis();
        if (remaining <= 0) {
            throw ApiException.invalidField(field, "could not be fetched in time");
        }
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(uri.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(path)
                .setFollowRedirects(false)
                .setTimeout(remaining);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        client.request(request)
                .compose(sent -> sent.send())
                .onSuccess(response -> read(field, response, maxBytes, answer))
                .onFailure(answer::completeExceptionally);
        try {
            return answer.get(remaining, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw ApiException.invalidField(field, "could not be fetched in time");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException refusal) {
                throw refusal;
            }
            throw ApiException.invalidField(field, "could not be fetched: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.invalidField(field, "fetching was interrupted");
        }
    }

    /** On the event loop: the body, up to one chunk past {@code maxBytes}, or where a redirect leads. */
    private static void read(String field, HttpClientResponse response, long maxBytes,
                             CompletableFuture<Answer> answer) {
        int status = response.statusCode();
        String location = response.getHeader("Location");
        if (REDIRECTS.contains(status) && location != null) {
            response.request().reset();
            answer.complete(new Answer(null, location));
            return;
        }
        if (status != 200) {
            response.request().reset();
            answer.completeExceptionally(ApiException.invalidField(field, "answered HTTP " + status));
            return;
        }
        AttachmentContent.Writer content = new AttachmentContent.Writer();
        response.handler(chunk -> {
            if (answer.isDone()) {
                return;
            }
            byte[] bytes = chunk.getBytes();
            content.write(bytes, 0, bytes.length);
            if (content.size() > maxBytes) {
                answer.complete(new Answer(content.content(), null));
                response.request().reset();
            }
        });
        response.exceptionHandler(answer::completeExceptionally);
        response.endHandler(ignored -> answer.complete(new Answer(content.content(), null)));
    }
}
