package dev.agentmail.runtime.consumer;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Down while {@code consumer_dead_letters} holds events this service set aside, at {@code /q/health/well}: a signal
 * for operators, not a probe (the service serves requests meanwhile). It stays down until an operator has dealt with
 * them (docs/events.md, "Dead letters") and deleted their rows.
 */
@Wellness
@ApplicationScoped
class DeadLetterHealth implements AsyncHealthCheck {

    private final Pool pool;

    DeadLetterHealth(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("select count(*), max(dead_at)::text from consumer_dead_letters").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long count = row.getLong(0);
                    var response = HealthCheckResponse.named("consumed events").status(count == 0)
                            .withData("dead letters", count);
                    return (count == 0 ? response : response.withData("last", row.getString(1))).build();
                });
    }
}
