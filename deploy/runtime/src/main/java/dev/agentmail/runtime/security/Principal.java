package dev.agentmail.runtime.security;

import dev.agentmail.runtime.error.ApiException;
import java.util.Set;

/**
 * Who a request acts as, from the internal token (docs/internal-token.md): an API key, its organization, its scope
 * and its effective permissions. The scope rules of the API live here so that every route applies the same ones:
 * a resource outside the scope is 404 (as if absent), an organization-level collection needs an organization key
 * (403), and a missing permission is 403.
 *
 * @param podId   set for pod keys, and for inbox keys (their inbox's pod)
 * @param inboxId set for inbox keys only
 */
public record Principal(String apiKeyId, String organizationId, ScopeType scopeType, String podId, String inboxId,
                        Set<String> permissions) {

    public Principal {
        permissions = Set.copyOf(permissions);
    }

    public void require(Permission permission) {
        if (!permissions.contains(permission.claimName())) {
            throw ApiException.forbidden("This API key lacks the " + permission.claimName() + " permission.");
        }
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
