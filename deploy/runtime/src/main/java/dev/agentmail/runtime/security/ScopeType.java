package dev.agentmail.runtime.security;

import java.util.Arrays;
import java.util.Locale;

/** How far the caller's API key reaches: its whole organization, one pod and its inboxes, or one inbox. */
public enum ScopeType {
    ORGANIZATION, POD, INBOX;

    /** The scope a {@code scope_type} claim names, or null for a value no key has. */
    public static ScopeType fromClaim(String value) {
        return Arrays.stream(values())
                .filter(scope -> scope.name().equals(value.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElse(null);
    }
}
