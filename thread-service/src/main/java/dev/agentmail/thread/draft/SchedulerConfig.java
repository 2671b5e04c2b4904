package dev.agentmail.thread.draft;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code agentmail.thread.drafts.*}: when scheduled drafts are sent ({@link DraftScheduler}). */
@ConfigMapping(prefix = "agentmail.thread.drafts")
public interface SchedulerConfig {

    /** How often due drafts are looked for (read by the schedule's own expression). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * After how long a claimed send that has not finished (its replica died, or the database failed it) is taken
     * up again: longer than any send takes.
     */
    @WithDefault("5m")
    Duration reclaimAfter();
}
