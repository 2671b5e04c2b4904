package dev.agentmail.auth.token;

import dev.agentmail.runtime.security.Principal;
import dev.agentmail.runtime.security.ScopeType;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Objects;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/** Issues the internal token of a principal: exactly the claims of docs/internal-token.md, signed by the active key. */
@ApplicationScoped
public class InternalTokens {

    /** The audience of every internal token; every service rejects any other. */
    public static final String AUDIENCE = "agentmail-services";

    private final SigningKeys signingKeys;
    private final IssuerConfig config;

    InternalTokens(SigningKeys signingKeys, IssuerConfig config) {
        this.signingKeys = signingKeys;
        this.config = config;
    }

    public Uni<IssuedToken> issue(Principal principal) {
        return issue(principal, null);
    }

    /**
     * A token that expires no later than {@code notAfter}: the gateway forwards a verified key's token until it
     * expires, so the token of a key that expires sooner must expire with the key.
     *
     * @param notAfter when the principal's key expires, or null when it does not
     */
    public Uni<IssuedToken> issue(Principal principal, Instant notAfter) {
        long issuedAt = Instant.now().getEpochSecond();
        long lifetimeEnd = issuedAt + config.tokenLifetime().toSeconds();
        long expiresAt = notAfter == null ? lifetimeEnd : Math.min(lifetimeEnd, notAfter.getEpochSecond());
        // An RSA signature costs about a millisecond of CPU: a worker thread pays it, not the event loop.
        return signingKeys.active()
                .flatMap(key -> VertxContextSupport.executeBlocking(
                        () -> key.sign(claims(principal, issuedAt, expiresAt))))
                .map(token -> new IssuedToken(token, Instant.ofEpochSecond(expiresAt)));
    }

    private JwtClaims claims(Principal principal, long issuedAt, long expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(config.issuer());
        claims.setAudience(AUDIENCE);
        claims.setSubject(principal.apiKeyId());
        claims.setClaim("organization_id", principal.organizationId());
        claims.setClaim("scope_type", principal.scopeType().wireName());
        // The scope decides which ids the token names, so that an organization key never carries a pod's id.
        if (principal.scopeType() != ScopeType.ORGANIZATION) {
            claims.setClaim("pod_id", Objects.requireNonNull(principal.podId(), "a pod or inbox key has a pod"));
        }
        if (principal.scopeType() == ScopeType.INBOX) {
            claims.setClaim("inbox_id", Objects.requireNonNull(principal.inboxId(), "an inbox key has an inbox"));
        }
        claims.setStringListClaim("permissions", principal.permissions().stream().sorted().toList());
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt));
        claims.setGeneratedJwtId();
        return claims;
    }
}
