package dev.agentmail.inbox.security;

import java.util.Locale;

/** The AgentMail permission flags this service checks, as the internal token names them. */
public enum Permission {
    INBOX_READ, INBOX_CREATE, INBOX_UPDATE, INBOX_DELETE, POD_READ, POD_CREATE, POD_DELETE;

    public String claimName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
