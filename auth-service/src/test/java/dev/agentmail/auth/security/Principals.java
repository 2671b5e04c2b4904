package dev.agentmail.auth.security;

import dev.agentmail.runtime.security.Principal;
import dev.agentmail.runtime.security.ScopeType;
import java.util.Set;
import java.util.UUID;

/** Principals of the three scopes, with ids no other test uses. */
public final class Principals {

    private Principals() {
    }

    public static Principal organizationKey(String... permissions) {
        return new Principal(unique("key"), unique("org"), ScopeType.ORGANIZATION, null, null, Set.of(permissions));
    }

    public static Principal podKey(String... permissions) {
        return new Principal(unique("key"), unique("org"), ScopeType.POD, unique("pod"), null, Set.of(permissions));
    }

    public static Principal inboxKey(String... permissions) {
        return new Principal(unique("key"), unique("org"), ScopeType.INBOX, unique("pod"),
                unique("agent") + "@agentmail.local", Set.of(permissions));
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
