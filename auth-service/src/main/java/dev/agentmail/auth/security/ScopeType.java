package dev.agentmail.auth.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How far a key reaches: its whole organization, one pod and its inboxes, or one inbox. */
public enum ScopeType {
    ORGANIZATION, POD, INBOX;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ScopeType fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
