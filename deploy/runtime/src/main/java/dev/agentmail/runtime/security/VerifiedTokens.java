package dev.agentmail.runtime.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Internal tokens this service has verified, each kept until it expires. The gateway sends one token per API key
 * for as long as the token lasts, so a service sees the same token again and again; checking its RS256 signature
 * and parsing its claims every time was the largest single cost of a request (about 15% of inbox-service's CPU
 * during inbox creation). A token is kept only once quarkus-oidc has verified it (signature, issuer, audience,
 * expiry), and never past its own expiry, so the cache accepts nothing that verification would refuse. Keyed by
 * the whole token: an altered token is another key.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** Enough for every key that is busy at once; a token that falls out is verified again. */
    private static final int MAX_TOKENS = 10_000;

    private record Verified(SecurityIdentity identity, Instant expiresAt) {
    }

    private final Cache<String, Verified> tokens = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfter(Expiry.creating((String token, Verified verified) ->
                    Duration.between(Instant.now(), verified.expiresAt())))
            .build();

    /** The identity verified for this token, unless it has expired since (the cache never answers one that has). */
    Optional<SecurityIdentity> find(String token) {
        return Optional.ofNullable(tokens.getIfPresent(token)).map(Verified::identity);
    }

    void remember(String token, SecurityIdentity identity, Instant expiresAt) {
        if (Instant.now().isBefore(expiresAt)) {
            tokens.put(token, new Verified(identity, expiresAt));
        }
    }
}
