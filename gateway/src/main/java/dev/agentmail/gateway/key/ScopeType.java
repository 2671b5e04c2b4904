package dev.agentmail.gateway.key;

import java.util.Locale;

/** How far a key reaches: its whole organization, one pod and its inboxes, or one inbox. */
public enum ScopeType {
    ORGANIZATION, POD, INBOX;

    /** The scope auth-service names ({@code organization}, {@code pod}, {@code inbox}). */
    public static ScopeType fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
