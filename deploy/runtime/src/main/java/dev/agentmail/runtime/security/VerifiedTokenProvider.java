package dev.agentmail.runtime.security;

import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token this service verified before from {@link VerifiedTokens}; for any other token it answers
 * nothing, and quarkus-oidc's own provider, tried next, verifies it. A hit must be for the tenant the request was
 * resolved to; the identity handed out is the one verified, with this request's routing context in place of the
 * first request's.
 */
@ApplicationScoped
public class VerifiedTokenProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens tokens;

    VerifiedTokenProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Before quarkus-oidc's provider, which has the default priority (SYSTEM_FIRST + 1): a hit spares the
     * verification, a miss hands the token on to it.
     */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 2;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        return Uni.createFrom().item(tokens.find(request.getToken().getToken())
                .filter(verified -> sameTenant(verified, routing))
                .map(verified -> forThisRequest(verified, routing, context))
                .orElse(null));
    }

    /**
     * Whether quarkus-oidc resolved this request to the tenant (issuer, audience) that verified the token: a
     * service with several would otherwise take a token of one tenant on another's routes.
     */
    private static boolean sameTenant(SecurityIdentity verified, RoutingContext routing) {
        Object tenant = verified.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE);
        return routing != null && tenant != null && tenant.equals(routing.get(OidcUtils.TENANT_ID_ATTRIBUTE));
    }

    private static SecurityIdentity forThisRequest(SecurityIdentity verified, RoutingContext routing,
                                                   AuthenticationRequestContext context) {
        return QuarkusSecurityIdentity.builder(verified)
                .addAttribute(AuthenticationRequestContext.class.getName(), context)
                .addAttribute(RoutingContext.class.getName(), routing)
                .build();
    }
}
