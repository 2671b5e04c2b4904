package dev.agentmail.runtime.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay runs, and how long a request waits for its events to be published. */
@ConfigMapping(prefix = "agentmail.outbox")
public interface OutboxConfig {

    /**
     * The longest the relay rests without a notification before it looks at the table anyway, and how often a
     * replica that is not the publisher asks whether it may become it. Committed rows wake the relay at once
     * (LISTEN/NOTIFY); this is the safety net for a notification lost with a database connection.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** The most rows one Kafka transaction publishes. */
    @WithDefault("200")
    int batchSize();

    /**
     * How many times the relay tries to publish an event that the broker refuses for what it is (too large, say)
     * before it parks it in {@code outbox_parked}, so that it no longer holds up the events after it.
     */
    @WithDefault("3")
    int attemptsBeforeParking();

    /**
     * How long a successful request that appended events waits, before it answers, for them to be published, so
     * that the services that read them know of the change once the caller does (docs/read-your-writes.md). Zero
     * answers at once. While the broker is away nobody waits: the events go out once it is back.
     */
    @WithDefault("5s")
    Duration answerWait();
}
