package dev.agentmail.auth.apikey;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Keeps {@code used_at} without a write per verification: uses are gathered in memory and written in one
 * statement every few seconds. A crash loses at most that interval of "last used" times, never a key.
 */
@ApplicationScoped
public class KeyUsage {

    private static final Logger LOG = Logger.getLogger(KeyUsage.class);

    @ConfigMapping(prefix = "agentmail.auth.key-usage")
    interface Config {

        /** How often gathered uses are written. */
        @WithDefault("5s")
        Duration flushInterval();
    }

    private final Pool pool;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    KeyUsage(Pool pool) {
        this.pool = pool;
    }

    void schedule(@Observes StartupEvent started, Scheduler scheduler, Config config) {
        scheduler.newJob("key-usage-flush")
                .setInterval(config.flushInterval().toString())
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setAsyncTask(execution -> flush())
                .schedule();
    }

    public void record(String apiKeyId) {
        keepLatest(apiKeyId, ApiKey.now());
    }

    Uni<Void> flush() {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Instant> batch = Map.copyOf(pending);
        batch.forEach(pending::remove);
        String[] ids = batch.keySet().toArray(String[]::new);
        OffsetDateTime[] times = new OffsetDateTime[ids.length];
        for (int i = 0; i < ids.length; i++) {
            times[i] = batch.get(ids[i]).atOffset(ZoneOffset.UTC);
        }
        return pool.preparedQuery("""
                        update api_keys k set used_at = u.used_at
                        from unnest($1::text[], $2::timestamptz[]) as u(api_key_id, used_at)
                        where k.api_key_id = u.api_key_id and (k.used_at is null or k.used_at < u.used_at)""")
                .execute(Tuple.of(ids, times))
                .replaceWithVoid()
                .onFailure().invoke(failure -> {
                    LOG.warnf("could not record key use, will retry: %s", failure.getMessage());
                    batch.forEach(this::keepLatest);
                })
                .onFailure().recoverWithNull();
    }

    private void keepLatest(String apiKeyId, Instant usedAt) {
        pending.merge(apiKeyId, usedAt, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }
}
