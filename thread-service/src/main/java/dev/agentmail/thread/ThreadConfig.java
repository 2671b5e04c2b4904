package dev.agentmail.thread;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code agentmail.thread.*}: bounds on what one message may be. */
@ConfigMapping(prefix = "agentmail.thread")
public interface ThreadConfig {

    /** The largest raw message (headers, bodies and base64 attachments) a send may produce: 413 beyond it. */
    @WithDefault("26214400")
    long maxMessageBytes();

    /** The most recipients (To, Cc and Bcc together) one message may have. */
    @WithDefault("50")
    int maxRecipients();

    /** How long fetching one attachment given by URL may take. */
    @WithDefault("10s")
    Duration attachmentFetchTimeout();
}
