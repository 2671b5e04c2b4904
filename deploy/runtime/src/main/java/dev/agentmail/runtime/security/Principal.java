package dev.agentmail.runtime.security;

import dev.agentmail.runtime.error.ApiException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who a request acts as: an API key, its organization, its scope and its effective permissions (already resolved
 * against the scope by auth-service). auth-service answers it to the gateway's verification and carries it in the
 * internal token (docs/internal-token.md); the gateway and the services read it back. The scope rules of the API
 * live here so that every route applies the same ones: a resource outside the scope is 404 (as if absent), an
 * organization-level collection needs an organization key (403), and a missing permission is 403.
 *
 * @param podId       set for pod keys, and for inbox keys (their inbox's pod)
 * @param inboxId     set for inbox keys only, lowercase
 * @param permissions wire names of the effective permissions
 */
public record Principal(String apiKeyId, String organizationId, ScopeType scopeType, String podId, String inboxId,
                        Set<String> permissions) {

    public Principal {
        // In the order given: auth-service gives them sorted (Permissions.names), so its verification answer lists
        // them in a stable order, while a service reading them per request pays for no sorting.
        permissions = Collections.unmodifiableSet(new LinkedHashSet<>(permissions));
    }

    /** The id the scope is named by: the organization, pod or inbox ({@code scope_id} of {@code auth/me}). */
    public String scopeId() {
        return switch (scopeType) {
            case ORGANIZATION -> organizationId;
            case POD -> podId;
            case INBOX -> inboxId;
        };
    }

    public boolean holds(Permission permission) {
        return permissions.contains(permission.wireName());
    }

    /** Refuses with 403 naming the permission unless the key holds it. */
    public void require(Permission permission) {
        if (!holds(permission)) {
            throw ApiException.forbidden(lacks(permission));
        }
    }

    /** The refusal's message, also for the gateway, which answers refusals its own way. */
    public static String lacks(Permission permission) {
        return "This API key lacks the " + permission.wireName() + " permission.";
    }

    /** For the organization's own collections ({@code /v0/pods}, {@code /v0/inboxes}). */
    public void requireOrganizationScope(String collection) {
        if (scopeType != ScopeType.ORGANIZATION) {
            throw ApiException.forbidden(collection + " is an organization-level collection: use an organization key"
                    + (scopeType == ScopeType.POD ? ", or this key's pod's collection under /v0/pods/" + podId : "")
                    + ".");
        }
    }

    /** Whether the pod and what it holds lie inside the scope; an inbox key holds no pod-wide rights. */
    public boolean reachesPod(String pod) {
        return switch (scopeType) {
            case ORGANIZATION -> true;
            case POD -> pod.equals(podId);
            case INBOX -> false;
        };
    }

    /** Whether the inbox (in {@code pod}) lies inside the scope for reading. */
    public boolean readsInbox(String pod, String inbox) {
        return scopeType == ScopeType.INBOX ? inbox.equals(inboxId) : reachesPod(pod);
    }

    /** Whether the inbox (in {@code pod}) lies inside the scope for changes: an inbox key may only read its own. */
    public boolean changesInbox(String pod) {
        return reachesPod(pod);
    }
}
