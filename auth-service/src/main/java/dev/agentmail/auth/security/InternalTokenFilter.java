package dev.agentmail.auth.security;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every /v0 request comes from the gateway with an internal token; without a valid one it is answered 401, whatever
 * the route (so a request reaching the service past the gateway learns nothing, not even which routes exist).
 * quarkus-oidc stays out of /v0 (it serves operators on /admin), since the tokens here are our own.
 */
public class InternalTokenFilter {

    private static final String BEARER = "Bearer ";

    private final InternalTokenVerifier verifier;
    private final Caller caller;

    InternalTokenFilter(InternalTokenVerifier verifier, Caller caller) {
        this.verifier = verifier;
        this.caller = caller;
    }

    // Before matching, so that an unknown /v0 route answers 401 rather than 404 to a caller without a token.
    @ServerRequestFilter(preMatching = true)
    public Uni<Void> authenticate(ContainerRequestContext request, RoutingContext routing) {
        // The normalized path is the one routes are matched on: "/v0/./auth/me" is a /v0 route too.
        String path = routing.normalizedPath();
        if (!path.equals("/v0") && !path.startsWith("/v0/")) {
            return Uni.createFrom().voidItem();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().failure(ApiException.unauthorized());
        }
        return verifier.verify(authorization.substring(BEARER.length()).trim())
                .invoke(caller::authenticatedAs)
                .replaceWithVoid();
    }
}
