package dev.agentmail.auth.apikey;

import dev.agentmail.runtime.security.ScopeType;
import java.util.Locale;

/**
 * Which of the three key collections a route addresses: the organization's ({@code /v0/api-keys}), a pod's
 * ({@code /v0/pods/{pod_id}/api-keys}) or an inbox's ({@code /v0/inboxes/{inbox_id}/api-keys}). Keys created
 * there get that scope; lists, updates and deletes there reach only keys inside it.
 */
public record KeyCollection(ScopeType scopeType, String podId, String inboxId) {

    public static KeyCollection organization() {
        return new KeyCollection(ScopeType.ORGANIZATION, null, null);
    }

    public static KeyCollection pod(String podId) {
        return new KeyCollection(ScopeType.POD, podId, null);
    }

    /** An inbox's collection; its pod becomes known once the inbox is found. Addresses compare lowercase. */
    public static KeyCollection inbox(String inboxId) {
        return new KeyCollection(ScopeType.INBOX, null, inboxId.toLowerCase(Locale.ROOT));
    }

    KeyCollection inPod(String inboxPodId) {
        return new KeyCollection(scopeType, inboxPodId, inboxId);
    }

    /** Whether {@code key} lies inside this collection. */
    boolean contains(ApiKey key) {
        return switch (scopeType) {
            case ORGANIZATION -> true;
            case POD -> podId.equals(key.podId);
            case INBOX -> inboxId.equals(key.inboxId);
        };
    }
}
