package dev.agentmail.gateway.forward;

import dev.agentmail.gateway.error.Refusal;
import dev.agentmail.gateway.route.Owner;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.httpproxy.Body;
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
     * @param uri             the path the route was matched on, with the request's query
     * @param internalToken   replaces the client's {@code Authorization}; null for a public route, which gets none
     * @param onClientFailure hears first when the client's body fails while it streams through; the service's
     *                        request is then reset
     * @param onFailure       answers the client when the service cannot be reached or does not answer in time
     */
    public void forward(HttpServerRequest request, String uri, Owner owner, String internalToken, String requestId,
                        Handler<Throwable> onClientFailure, Consumer<Refusal> onFailure) {
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        proxyRequest.setBody(Body.body(new ClientBody(request, onClientFailure), proxyRequest.getBody().length()));
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
                // A failure of the service's request also fails the answer awaited below, which says what happened;
                // Vert.x would log it again at ERROR, a reset for the client's own broken body included.
                .compose(upstream -> proxyRequest.send(upstream.exceptionHandler(failure -> { })))
                .onSuccess(this::respond)
                .onFailure(failure -> {
                    proxyRequest.release();
                    if (request.response().closed() || request.response().ended()
                            || failure instanceof StreamResetException) {
                        // The client went away or its body failed: the proxy resets the service's request only
                        // for that, and onClientFailure answers what can still be answered. Nothing wrong here.
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
