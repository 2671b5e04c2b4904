package dev.agentmail.runtime.consumer;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Forgets the ids of events applied longer ago than {@link ConsumerConfig#processedRetention()}, once an hour, so
 * that {@code processed_events} holds a week of events rather than every event ever. Every replica runs it; the
 * deletes of two at once take the same rows once.
 */
@ApplicationScoped
class ProcessedEventsPruner {

    private static final Logger LOG = Logger.getLogger(ProcessedEventsPruner.class);

    private final Pool pool;
    private final ConsumerConfig config;

    ProcessedEventsPruner(Pool pool, ConsumerConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return pool.preparedQuery("delete from processed_events where processed_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) config.processedRetention().toSeconds()))
                .invoke(rows -> LOG.debugf("forgot %d processed events", rows.rowCount()))
                .replaceWithVoid();
    }
}
