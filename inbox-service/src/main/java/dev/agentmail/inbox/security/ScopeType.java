package dev.agentmail.inbox.security;

import java.util.Locale;

/** How far the caller's API key reaches: its whole organization, one pod and its inboxes, or one inbox. */
public enum ScopeType {
    ORGANIZATION, POD, INBOX;

    public static ScopeType fromClaim(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
