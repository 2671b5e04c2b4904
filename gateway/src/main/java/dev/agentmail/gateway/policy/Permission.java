package dev.agentmail.gateway.policy;

import java.util.Locale;

/**
 * AgentMail's API key permission flags that routes require. A key's effective permissions arrive already resolved
 * from auth-service (its whitelist limited to what its scope allows), as these names.
 */
public enum Permission {
    INBOX_READ, INBOX_CREATE, INBOX_UPDATE, INBOX_DELETE,
    MESSAGE_READ, MESSAGE_SEND, MESSAGE_UPDATE, MESSAGE_DELETE,
    DRAFT_READ, DRAFT_CREATE, DRAFT_UPDATE, DRAFT_DELETE, DRAFT_SEND,
    WEBHOOK_READ, WEBHOOK_CREATE, WEBHOOK_UPDATE, WEBHOOK_DELETE,
    DOMAIN_READ, DOMAIN_CREATE, DOMAIN_UPDATE, DOMAIN_DELETE,
    LIST_ENTRY_READ, LIST_ENTRY_CREATE, LIST_ENTRY_DELETE,
    METRICS_READ,
    API_KEY_READ, API_KEY_CREATE, API_KEY_UPDATE, API_KEY_DELETE,
    PROVIDER_CONNECT,
    POD_READ, POD_CREATE, POD_DELETE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The flag's name in a key's {@code permissions} and in the internal token, e.g. {@code message_send}. */
    public String wireName() {
        return wireName;
    }
}
