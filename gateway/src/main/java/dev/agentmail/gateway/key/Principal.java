package dev.agentmail.gateway.key;

import java.util.Set;

/**
 * Who a key acts as, as auth-service's verification answers it: the key, its organization, its scope and its
 * effective permissions (already resolved against the scope).
 *
 * @param podId   set for pod keys, and for inbox keys (their inbox's pod)
 * @param inboxId set for inbox keys only, lowercase
 */
public record Principal(String apiKeyId, String organizationId, ScopeType scopeType, String podId, String inboxId,
                        Set<String> permissions) {

    public Principal {
        permissions = Set.copyOf(permissions);
    }

    public boolean holds(String permission) {
        return permissions.contains(permission);
    }
}
