package dev.agentmail.auth.apikey;

import static dev.agentmail.auth.security.ScopeType.INBOX;
import static dev.agentmail.auth.security.ScopeType.ORGANIZATION;
import static dev.agentmail.auth.security.ScopeType.POD;

import dev.agentmail.auth.security.ScopeType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * AgentMail's permission flags, each with the scopes a key can use it at. A key's effective permissions are its
 * whitelist (or every flag, when it has none) limited to what its scope allows: an inbox key can read and write its
 * inbox's mail but never create inboxes or manage domains, whatever its whitelist says.
 */
public enum Permission {
    INBOX_READ(ORGANIZATION, POD, INBOX),
    INBOX_CREATE(ORGANIZATION, POD),
    INBOX_UPDATE(ORGANIZATION, POD),
    INBOX_DELETE(ORGANIZATION, POD),
    MESSAGE_READ(ORGANIZATION, POD, INBOX),
    MESSAGE_SEND(ORGANIZATION, POD, INBOX),
    MESSAGE_UPDATE(ORGANIZATION, POD, INBOX),
    MESSAGE_DELETE(ORGANIZATION, POD, INBOX),
    LABEL_SPAM_READ(ORGANIZATION, POD, INBOX),
    LABEL_BLOCKED_READ(ORGANIZATION, POD, INBOX),
    LABEL_UNAUTHENTICATED_READ(ORGANIZATION, POD, INBOX),
    LABEL_TRASH_READ(ORGANIZATION, POD, INBOX),
    DRAFT_READ(ORGANIZATION, POD, INBOX),
    DRAFT_CREATE(ORGANIZATION, POD, INBOX),
    DRAFT_UPDATE(ORGANIZATION, POD, INBOX),
    DRAFT_DELETE(ORGANIZATION, POD, INBOX),
    DRAFT_SEND(ORGANIZATION, POD, INBOX),
    WEBHOOK_READ(ORGANIZATION, POD),
    WEBHOOK_CREATE(ORGANIZATION, POD),
    WEBHOOK_UPDATE(ORGANIZATION, POD),
    WEBHOOK_DELETE(ORGANIZATION, POD),
    DOMAIN_READ(ORGANIZATION),
    DOMAIN_CREATE(ORGANIZATION),
    DOMAIN_UPDATE(ORGANIZATION),
    DOMAIN_DELETE(ORGANIZATION),
    LIST_ENTRY_READ(ORGANIZATION, POD, INBOX),
    LIST_ENTRY_CREATE(ORGANIZATION, POD, INBOX),
    LIST_ENTRY_DELETE(ORGANIZATION, POD, INBOX),
    METRICS_READ(ORGANIZATION, POD, INBOX),
    API_KEY_READ(ORGANIZATION, POD, INBOX),
    API_KEY_CREATE(ORGANIZATION, POD, INBOX),
    API_KEY_UPDATE(ORGANIZATION, POD, INBOX),
    API_KEY_DELETE(ORGANIZATION, POD, INBOX),
    PROVIDER_CONNECT(ORGANIZATION),
    PROVIDER_SHARE_OWNER(ORGANIZATION),
    POD_READ(ORGANIZATION, POD),
    POD_CREATE(ORGANIZATION),
    POD_DELETE(ORGANIZATION);

    private static final Map<String, Permission> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Permission::wireName, Function.identity()));

    private final Set<ScopeType> scopes;

    Permission(ScopeType first, ScopeType... rest) {
        this.scopes = EnumSet.of(first, rest);
    }

    /** The flag's name in the {@code permissions} object, e.g. {@code message_send}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean allowedAt(ScopeType scope) {
        return scopes.contains(scope);
    }

    public static Optional<Permission> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    /** Everything a key at {@code scope} can hold. */
    public static Set<Permission> allowedAtScope(ScopeType scope) {
        Set<Permission> allowed = EnumSet.noneOf(Permission.class);
        for (Permission permission : values()) {
            if (permission.allowedAt(scope)) {
                allowed.add(permission);
            }
        }
        return allowed;
    }
}
