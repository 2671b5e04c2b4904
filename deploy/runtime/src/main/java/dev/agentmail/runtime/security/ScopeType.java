package dev.agentmail.runtime.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How far an API key reaches: its whole organization, one pod and its inboxes, or one inbox. */
public enum ScopeType {
    ORGANIZATION, POD, INBOX;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name in {@code auth/me}, the verification answer and the token's {@code scope_type} claim. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The scope a wire name names, in any case; empty for a value no key has. */
    public static Optional<ScopeType> fromWireName(String value) {
        String name = value == null ? null : value.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(scope -> scope.wireName.equals(name)).findFirst();
    }
}
