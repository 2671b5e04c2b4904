package dev.agentmail.gateway.forward;

import dev.agentmail.gateway.error.Refusal;
import dev.agentmail.gateway.route.Owner;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Forwards a request to the service that owns its route with Vert.x' reverse proxy: the body streams through in
 * both directions (attachments and raw messages can be large), status, headers and error bodies pass unchanged
 * apart from hop-by-hop headers, and the client's key is replaced by the internal token.
 */
@ApplicationScoped
public class Forwarder {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Logger LOG = Logger.getLogger(Forwarder.class);

    private final Upstreams upstreams;

    Forwarder(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    /**
     * @param uri           the path the route was matched on, with the request's query
     * @param internalToken replaces the client's {@code Authorization}; null for a public route, which gets none
     * @param onFailure     answers the client when the service cannot be reached or does not answer in time
     */
    public void forward(HttpServerRequest request, String uri, Owner owner, String internalToken, String requestId,
                        Consumer<Refusal> onFailure) {
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        proxyRequest.setURI(uri);
        proxyRequest.headers().set(REQUEST_ID, requestId);
        if (internalToken == null) {
            proxyRequest.headers().remove(HttpHeaders.AUTHORIZATION);
        } else {
            proxyRequest.headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + internalToken);
        }
        RequestOptions origin = new RequestOptions()
                .setServer(upstreams.address(owner))
                .setIdleTimeout(upstreams.config().idleTimeout().toMillis());
        upstreams.client().request(origin)
                .compose(proxyRequest::send)
                .onSuccess(this::respond)
                .onFailure(failure -> {
                    proxyRequest.release();
                    if (request.response().closed()) {
                        // The client went away first (its connection closed): nothing to answer, nothing wrong.
                        LOG.debugf("request %s to %s abandoned by its client", requestId, owner.serviceName());
                        return;
                    }
                    LOG.warnf("request %s to %s failed: %s", requestId, owner.serviceName(), failure.getMessage());
                    onFailure.accept(failure instanceof TimeoutException
                            ? Refusal.gatewayTimeout(owner.serviceName() + " did not answer in time; try again.")
                            : Refusal.badGateway(owner.serviceName() + " cannot be reached; try again."));
                });
    }

    /** The service's answer as it is, but for headers that describe its connection to us, not ours to the client. */
    private void respond(ProxyResponse response) {
        response.headers()
                .remove(HttpHeaders.CONNECTION)
                .remove(HttpHeaders.KEEP_ALIVE)
                .remove(REQUEST_ID);
        response.send();
    }
}
