package dev.agentmail.gateway.policy;

import dev.agentmail.gateway.error.Refusal;
import dev.agentmail.gateway.route.RouteMatch;
import dev.agentmail.runtime.security.Permission;
import dev.agentmail.runtime.security.Principal;
import dev.agentmail.runtime.security.ScopeType;
import java.util.Optional;

/**
 * What a key needs to call a route: a scope that reaches it and, unless {@code permission} is null, that permission.
 * Checked in this order: an organization-level route refuses scoped keys (403); a pod or inbox outside the key's
 * scope is 404 whatever the key holds, as if it did not exist; then a missing permission is 403.
 */
public record Policy(Reach reach, Permission permission) {

    public static Policy of(Reach reach, Permission permission) {
        return new Policy(reach, permission);
    }

    public Optional<Refusal> check(Principal caller, RouteMatch match) {
        if (reach == Reach.PUBLIC || reach == Reach.ANY_KEY) {
            return Optional.empty();
        }
        if (reach == Reach.ORGANIZATION && caller.scopeType() != ScopeType.ORGANIZATION) {
            return Optional.of(Refusal.forbidden(match.route().path() + " is an organization-level route: "
                    + "call it with an organization API key."));
        }
        if (reach == Reach.POD && !reachesPod(caller, match.parameter("pod_id"))) {
            return Optional.of(Refusal.notFound("Pod not found."));
        }
        if (reach == Reach.INBOX && !reachesInbox(caller, match.parameter("inbox_id"))) {
            return Optional.of(Refusal.notFound("Inbox not found."));
        }
        if (permission != null && !caller.holds(permission)) {
            return Optional.of(Refusal.forbidden(Principal.lacks(permission)));
        }
        return Optional.empty();
    }

    private static boolean reachesPod(Principal caller, String podId) {
        return switch (caller.scopeType()) {
            case ORGANIZATION -> true;
            case POD -> podId.equals(caller.podId());
            case INBOX -> false;
        };
    }

    /** Inbox ids are addresses, which compare without case. */
    private static boolean reachesInbox(Principal caller, String inboxId) {
        return caller.scopeType() != ScopeType.INBOX || inboxId.equalsIgnoreCase(caller.inboxId());
    }
}
