package dev.agentmail.runtime.security;

import java.util.Locale;

/**
 * The AgentMail permission flags that the services check, as the internal token's {@code permissions} claim names
 * them. Which flags a key holds is auth-service's decision; a service only asks whether the claim has one.
 */
public enum Permission {
    POD_READ, POD_CREATE, POD_DELETE,
    INBOX_READ, INBOX_CREATE, INBOX_UPDATE, INBOX_DELETE,
    MESSAGE_READ, MESSAGE_SEND, MESSAGE_UPDATE, MESSAGE_DELETE,
    DRAFT_READ, DRAFT_CREATE, DRAFT_UPDATE, DRAFT_DELETE, DRAFT_SEND,
    LABEL_SPAM_READ, LABEL_BLOCKED_READ, LABEL_UNAUTHENTICATED_READ, LABEL_TRASH_READ;

    public String claimName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
