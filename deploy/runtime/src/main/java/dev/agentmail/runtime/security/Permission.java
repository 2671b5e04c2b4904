package dev.agentmail.runtime.security;

import static dev.agentmail.runtime.security.ScopeType.INBOX;
import static dev.agentmail.runtime.security.ScopeType.ORGANIZATION;
import static dev.agentmail.runtime.security.ScopeType.POD;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * AgentMail's permission flags, in the order of the wire type {@code ApiKeyPermissions}, each with the scopes a key
 * can use it at. This is the one catalogue: auth-service resolves a key's effective permissions from it (the key's
 * whitelist, or every flag, limited to what its scope allows: an inbox key never creates inboxes, whatever its
 * whitelist says), the gateway's route table names the flag each route needs, and the services check the same
 * flags in the internal token. A flag has one name everywhere: in a key's {@code permissions} object, in the
 * verification answer and in the token's {@code permissions} claim.
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
    private final String wireName = name().toLowerCase(Locale.ROOT);

    Permission(ScopeType first, ScopeType... rest) {
        this.scopes = EnumSet.of(first, rest);
    }

    /** The flag's name on the wire and in the internal token, e.g. {@code message_send}. */
    public String wireName() {
        return wireName;
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
