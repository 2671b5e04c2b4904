package dev.agentmail.runtime.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay runs; the Kafka producer's own settings are on the {@code outbox} channel. */
@ConfigMapping(prefix = "agentmail.outbox")
public interface OutboxConfig {

    /** The pause between the end of one relay run and the start of the next. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** The most rows one relay run publishes; the rest wait for the next run. */
    @WithDefault("100")
    int batchSize();

    /**
     * The longest a run waits for the broker to acknowledge one record. The producer gives up sooner on its own
     * (delivery.timeout.ms); this bounds a run even if no answer ever comes, so the relay cannot stall for good.
     */
    @WithDefault("60s")
    Duration sendTimeout();
}
