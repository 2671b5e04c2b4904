package dev.agentmail.auth.verify;

import dev.agentmail.auth.apikey.ApiKey;
import dev.agentmail.auth.apikey.ApiKeySecret;
import dev.agentmail.auth.apikey.KeyUsage;
import dev.agentmail.auth.token.InternalTokens;
import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.security.Principal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;

/**
 * The gateway's question "who is this key?". Not routed publicly: only the gateway reaches it (NetworkPolicy in
 * Kubernetes). Unknown, revoked and expired keys get the same 401, so an answer says nothing about which.
 */
@Path("/internal/keys/verify")
public class KeyVerificationResource {

    public record VerifyRequest(String apiKey) {
    }

    /** The principal, and an internal token for it that the gateway forwards until {@code expires_at}. */
    public record VerifiedKey(Principal principal, String token, Instant expiresAt) {
    }

    private final InternalTokens tokens;
    private final KeyUsage usage;

    KeyVerificationResource(InternalTokens tokens, KeyUsage usage) {
        this.tokens = tokens;
        this.usage = usage;
    }

    @POST
    @WithSession
    public Uni<VerifiedKey> verify(VerifyRequest request) {
        if (request == null || request.apiKey() == null || request.apiKey().isEmpty()) {
            throw ApiException.unauthorized();
        }
        ApiKeySecret presented = ApiKeySecret.presented(request.apiKey());
        return ApiKey.findByHash(presented.hash()).chain(key -> {
            if (key == null || !presented.matches(key.keyHash) || !key.isActiveAt(Instant.now())) {
                throw ApiException.unauthorized();
            }
            usage.record(key.id);
            Principal principal = key.principal();
            return tokens.issue(principal, key.expiresAt)
                    .map(issued -> new VerifiedKey(principal, issued.token(), issued.expiresAt()));
        });
    }
}
