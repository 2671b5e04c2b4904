package dev.agentmail.auth.security;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who a request acts as: an API key, its organization, its scope and its effective permissions (already resolved
 * against the scope). It is what {@code POST /internal/keys/verify} answers and what the internal token carries.
 *
 * @param podId   set for pod keys, and for inbox keys (their inbox's pod)
 * @param inboxId set for inbox keys only
 */
public record Principal(String apiKeyId, String organizationId, ScopeType scopeType, String podId, String inboxId,
                        Set<String> permissions) {

    public Principal {
        // Sorted, so the verify answer and the token list permissions in a stable order.
        permissions = Collections.unmodifiableSortedSet(new TreeSet<>(permissions));
    }

    /** The id the scope is named by: the organization, pod or inbox ({@code scope_id} of {@code auth/me}). */
    public String scopeId() {
        return switch (scopeType) {
            case ORGANIZATION -> organizationId;
            case POD -> podId;
            case INBOX -> inboxId;
        };
    }

    public boolean holds(String permission) {
        return permissions.contains(permission);
    }
}
