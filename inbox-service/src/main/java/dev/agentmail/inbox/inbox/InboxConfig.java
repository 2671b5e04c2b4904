package dev.agentmail.inbox.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code agentmail.inbox.*}. */
@ConfigMapping(prefix = "agentmail.inbox")
public interface InboxConfig {

    /** The domain of inboxes created without one, and for now the only domain an inbox can have. */
    @WithDefault("agentmail.local")
    String defaultDomain();
}
