package dev.agentmail.thread;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code agentmail.thread.*}: bounds on what one message, and the request sending it, may be. */
@ConfigMapping(prefix = "agentmail.thread")
public interface ThreadConfig {

    /** The largest raw message (headers, bodies and base64 attachments) a send may produce: 413 beyond it. */
    @WithDefault("26214400")
    long maxMessageBytes();

    /**
     * The largest request body: 413 beyond it. A send's body carries its attachments as base64 (4/3 of their size)
     * and the text and html besides.
     */
    @WithDefault("41943040")
    long maxRequestBytes();

    /** The most recipients (To, Cc and Bcc together) one message may have. */
    @WithDefault("50")
    int maxRecipients();

    /** How long fetching all of a send's attachments given by URL may take, together. */
    @WithDefault("10s")
    Duration attachmentFetchTimeout();
}
