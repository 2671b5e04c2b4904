package dev.agentmail.gateway.door;

import dev.agentmail.gateway.error.Refusal;
import dev.agentmail.gateway.forward.Forwarder;
import dev.agentmail.gateway.key.BearerKey;
import dev.agentmail.gateway.key.KeyCache;
import dev.agentmail.gateway.key.KeyVerdict;
import dev.agentmail.gateway.policy.Reach;
import dev.agentmail.gateway.route.Owner;
import dev.agentmail.gateway.ratelimit.RateLimiter;
import dev.agentmail.gateway.ratelimit.RejectedKeyThrottle;
import dev.agentmail.gateway.route.Route;
import dev.agentmail.gateway.route.RouteMatch;
import dev.agentmail.gateway.route.RouteMatcher;
import dev.agentmail.gateway.route.RouteTable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The public API's one door, mounted on Quarkus' router. Each request goes through, in order: its route (404 when
 * none, 400 when a path parameter holds a control character), the key (401; 429 unasked for an address that sent
 * too many bad keys), the key's rate limit (429), the route's policy (403/404), the route's state (501 until its
 * owner serves it), then to the owner with an internal token in place of the key. Every answer carries the
 * request's {@code X-Request-Id}.
 */
@ApplicationScoped
public class PublicDoor {

    private static final Logger LOG = Logger.getLogger(PublicDoor.class);

    private static final RouteMatcher ROUTES = new RouteMatcher(RouteTable.ROUTES);

    private final KeyCache keys;
    private final RateLimiter rateLimiter;
    private final RejectedKeyThrottle rejectedKeys;
    private final Forwarder forwarder;

    PublicDoor(KeyCache keys, RateLimiter rateLimiter, RejectedKeyThrottle rejectedKeys, Forwarder forwarder) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.rejectedKeys = rejectedKeys;
        this.forwarder = forwarder;
    }

    void mount(@Observes Router router) {
        // Before every route, Quarkus' own included: every answer carries the request's id, and a request its target,
        // Host or headers rule out goes no further (their handlers would fail on it, or answer 404).
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.put(Forwarder.REQUEST_ID, RequestId.of(context.request().getHeader(Forwarder.REQUEST_ID)));
            if (!refusedForItsHead(context)) {
                context.next();
            }
        });
        // Whatever fails in a route still answers in the API's error format, never Quarkus' error page.
        router.route().failureHandler(context -> {
            // Vert.x Web itself fails a request without a Host with a bare 400 before any route runs, the first too.
            if (context.get(Forwarder.REQUEST_ID) == null) {
                context.put(Forwarder.REQUEST_ID, RequestId.of(context.request().getHeader(Forwarder.REQUEST_ID)));
            }
            if (refusedForItsHead(context)) {
                return;
            }
            int status = context.statusCode();
            if (status >= 400 && status < 500) {
                refuse(context, Refusal.ofStatus(status));
                return;
            }
            LOG.errorf(context.failure(), "request %s failed in the gateway", requestId(context));
            refuse(context, Refusal.internal("The gateway failed to handle this request."));
        });
        router.route("/v0/*").handler(this::enter);
        router.route("/downloads/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::download);
        // Everything else but Quarkus' own /q endpoints: a 404 in the API's error format, not an HTML page.
        router.route().last().handler(context -> refuse(context, Refusal.notFound("No such route.")));
    }

    /**
     * The links thread-service hands out for raw messages and attachments ({@code download_url}): outside the API,
     * asked for without a key, because the signature and expiry in the path are the permission. thread-service
     * checks them. HEAD tells a client the type, name and length of a file before it downloads it.
     */
    private void download(RoutingContext context) {
        hold(context);
        forward(context, Owner.THREAD_SERVICE, null);
    }

    private void enter(RoutingContext context) {
        HttpServerRequest request = context.request();
        hold(context);
        Optional<RouteMatch> match = ROUTES.match(request.method(), context.normalizedPath());
        if (match.isEmpty()) {
            refuse(context, Refusal.notFound("No route " + request.method() + " " + context.normalizedPath()
                    + " in the AgentMail v0 API."));
            return;
        }
        Optional<String> malformed = match.get().parameterWithControlCharacter();
        if (malformed.isPresent()) {
            refuse(context, Refusal.invalidField(malformed.get(), "holds a control character (%00 to %1F); "
                    + "no id has one."));
            return;
        }
        Route route = match.get().route();
        if (route.policy().reach() == Reach.PUBLIC) {
            if (route.live()) {
                forward(context, route.owner(), null);
            } else {
                refuse(context, notServed(route));
            }
            return;
        }
        Optional<String> key = BearerKey.from(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (key.isEmpty()) {
            refuse(context, Refusal.unauthorized(request.getHeader(HttpHeaders.AUTHORIZATION) == null
                    ? "Send your API key as Authorization: Bearer am_..."
                    : "The Authorization header is not Bearer followed by an AgentMail API key (am_...)."));
            return;
        }
        // Only a key the gateway knows nothing of costs auth-service a lookup: only those are throttled, and counted.
        boolean asksAuthService = !keys.remembers(key.get());
        if (asksAuthService && rejectedKeys.spent(request.remoteAddress().hostAddress())) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, "60");
            refuse(context, Refusal.rateLimited("Too many API keys that are not valid came from this address; "
                    + "retry after 60 s with a valid key."));
            return;
        }
        Context requestContext = Vertx.currentContext();
        keys.verdict(key.get()).whenComplete((verdict, failure) -> {
            if (Vertx.currentContext() == requestContext) {
                decide(context, match.get(), verdict, failure, asksAuthService);
            } else {
                requestContext.runOnContext(ignored -> decide(context, match.get(), verdict, failure,
                        asksAuthService));
            }
        });
    }

    private void decide(RoutingContext context, RouteMatch match, KeyVerdict verdict, Throwable failure,
                        boolean askedAuthService) {
        if (failure != null) {
            // auth-service could not answer (the cache has logged why): the client retries, its key is not bad.
            refuse(context, Refusal.unavailable("API keys cannot be checked right now; try again shortly."));
            return;
        }
        if (!(verdict instanceof KeyVerdict.Verified verified)) {
            if (askedAuthService) {
                rejectedKeys.refused(context.request().remoteAddress().hostAddress());
            }
            refuse(context, Refusal.unauthorized("The API key is unknown, revoked or expired."));
            return;
        }
        Optional<Duration> wait = rateLimiter.admit(verified.principal());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            refuse(context, Refusal.rateLimited("Too many requests with this API key; retry after " + seconds
                    + " s."));
            return;
        }
        Route route = match.route();
        Optional<Refusal> refusal = route.policy().check(verified.principal(), match);
        if (refusal.isPresent()) {
            refuse(context, refusal.get());
            return;
        }
        if (!route.live()) {
            refuse(context, notServed(route));
            return;
        }
        forward(context, route.owner(), verified.token());
    }

    /**
     * Refuses a request whose target, Host or headers rule it out, if so. After headers that break the rules the
     * connection is closed: where such a request's body ends is not to be trusted.
     */
    private static boolean refusedForItsHead(RoutingContext context) {
        Optional<Refusal> byTarget = RequestTarget.refusal(context.request());
        if (byTarget.isPresent()) {
            refuse(context, byTarget.get());
            return true;
        }
        Optional<Refusal> byHeaders = RequestHeaders.refusal(context.request());
        if (byHeaders.isPresent()) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ignored -> context.request().connection().close());
            refuse(context, byHeaders.get());
            return true;
        }
        return false;
    }

    /**
     * The body waits until the request is forwarded (or dropped when it is refused): nothing is read before. Its
     * framing can still fail meanwhile (a chunk size that is not hexadecimal): the client is answered then, and the
     * request goes no further.
     */
    private static void hold(RoutingContext context) {
        context.request().pause();
        context.request().exceptionHandler(failure -> bodyFailed(context, failure));
    }

    /**
     * The client's request failed while its body was read, before or while it was forwarded. Vert.x closes the
     * connection as soon as this returns: the answer is written and flushed first, when no answer has begun and the
     * connection is not already gone (the client closing it is not a failure of ours to explain).
     */
    private static void bodyFailed(RoutingContext context, Throwable failure) {
        HttpServerResponse response = context.response();
        if (failure instanceof HttpClosedException || response.headWritten() || response.closed()) {
            LOG.debugf("request %s: client's side ended: %s", requestId(context), failure.getMessage());
            return;
        }
        response.putHeader(HttpHeaders.CONNECTION, "close");
        refuse(context, Refusal.invalidField("body", "could not be read: its HTTP/1.1 framing is malformed "
                + "(a chunk size that is not hexadecimal, say)."));
        // Vert.x holds what is written while it reads from the connection until that read ends, and the close comes
        // first here: unflushed, the answer would be dropped. No public API flushes; its connection class does.
        if (context.request().connection() instanceof ConnectionBase connection) {
            connection.channelHandlerContext().flush();
        }
    }

    /** To the route's owner, with the path the route was matched on: the service sees exactly what was checked. */
    private void forward(RoutingContext context, Owner owner, String internalToken) {
        if (context.response().ended()) {
            return; // answered while the key was checked: the body failed (bodyFailed) or the client left
        }
        String query = context.request().query();
        String uri = query == null ? context.normalizedPath() : context.normalizedPath() + "?" + query;
        context.response().putHeader(Forwarder.REQUEST_ID, requestId(context));
        forwarder.forward(context.request(), uri, owner, internalToken, requestId(context),
                failure -> bodyFailed(context, failure), failed -> refuse(context, failed));
    }

    private static Refusal notServed(Route route) {
        return Refusal.notImplemented(route + " is part of the AgentMail API but not served by this deployment yet.");
    }

    private static String requestId(RoutingContext context) {
        return context.get(Forwarder.REQUEST_ID);
    }

    /** Answers for the gateway itself. The request's body, if any, is let go unread. */
    private static void refuse(RoutingContext context, Refusal refusal) {
        HttpServerResponse response = context.response();
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.putHeader(Forwarder.REQUEST_ID, requestId(context));
        context.request().resume();
        response.setStatusCode(refusal.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(refusal.error()));
    }
}
