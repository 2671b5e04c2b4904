package dev.agentmail.runtime.consumer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code agentmail.consumer.*}: how a service applies the events it consumes (ProcessedEvents). */
@ConfigMapping(prefix = "agentmail.consumer")
public interface ConsumerConfig {

    /**
     * How many times one event is tried on its own, while the database answers, before it is set aside as a dead
     * letter so that the events after it flow. While the database does not answer, nothing is set aside: every event
     * would fail then, and none of them is at fault.
     */
    @WithDefault("5")
    int attemptsBeforeDeadLetter();

    /**
     * How long the id of an applied event is kept to recognise it when it is delivered again (docs/events.md, "How
     * the suite's services consume"). Redeliveries come seconds apart; the default is the week for which Kafka keeps
     * a group's committed offsets and message.events its records.
     */
    @WithDefault("P7D")
    Duration processedRetention();
}
