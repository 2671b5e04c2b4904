package dev.agentmail.runtime.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka: the oldest rows first, each deleted only after the broker acknowledged its record.
 * While the broker is away sends fail, the rows stay, and a later run publishes them in the same order.
 *
 * <p>Order, also with several replicas: a run first takes a transaction-scoped advisory lock, so one relay publishes
 * at a time and the others skip their turn. Each run reads the table from its lowest id instead of continuing after
 * the last id it saw, because ids are handed out before commit and a lower one can become visible after a higher
 * one. Records go out one at a time, the next only after the previous one's ack: when a send fails, no later record
 * has gone out yet, so sending it again cannot put a key's events out of order.
 *
 * <p>Runs follow each other on a Vert.x timer, the next one poll-interval after the previous one ended, so two runs
 * of one replica never overlap. Not quarkus-scheduler: its scheduler looks at its triggers once a second, too
 * seldom for events that should go out within a fraction of one. It uses the plain reactive client, not Hibernate
 * Reactive, whose sessions belong to the Vert.x context that opened them and do not mix with a timer's.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The advisory lock that makes one relay the only publisher: "outb" in ASCII, the same in every replica. */
    public static final long PUBLISHER_LOCK = 0x6f757462L;

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    @Inject
    EventPublisher publisher;

    @Inject
    OutboxConfig config;

    private volatile boolean stopped;
    private volatile long nextRun;

    void start(@Observes StartupEvent started) {
        scheduleNextRun();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        vertx.cancelTimer(nextRun);
    }

    private void scheduleNextRun() {
        if (!stopped) {
            nextRun = vertx.setTimer(config.pollInterval().toMillis(), timer -> run());
        }
    }

    private void run() {
        Uni.createFrom().deferred(this::publishPending)
                .onFailure().invoke(failure -> LOG.warnf(
                        "outbox relay: run ended early, unpublished events wait for the next run: %s", failure))
                // Whatever was not acknowledged is still in the table; the next run starts again from the oldest row.
                .onFailure().recoverWithNull()
                .subscribe().with(done -> scheduleNextRun());
    }

    /** One run: publishes up to a batch of the oldest rows, unless another relay is publishing right now. */
    private Uni<Void> publishPending() {
        return pool.withConnection(connection -> connection.begin()
                .chain(transaction -> publishUnderLock(connection)
                        .onItemOrFailure().transformToUni((done, failure) -> end(transaction, failure))));
    }

    private Uni<Void> publishUnderLock(SqlConnection connection) {
        return connection.preparedQuery("select pg_try_advisory_xact_lock($1) as locked")
                .execute(Tuple.of(PUBLISHER_LOCK))
                .map(rows -> rows.iterator().next().getBoolean("locked"))
                .chain(locked -> locked ? publishOldest(connection) : Uni.createFrom().voidItem());
    }

    private Uni<Void> publishOldest(SqlConnection connection) {
        List<Long> acknowledged = new ArrayList<>();
        return connection.preparedQuery("select " + PendingEvent.COLUMNS + " from outbox order by id limit $1")
                .execute(Tuple.of(config.batchSize()))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map(PendingEvent::from)
                // Concatenate, not merge: one record at a time, in id order; the first failure ends the run.
                .onItem().transformToUniAndConcatenate(event -> publisher.publish(event)
                        .invoke(() -> acknowledged.add(event.id())))
                .onItem().ignoreAsUni()
                // The acknowledged rows go in one statement, after a failure too: deleting each as its ack came would
                // cost a round trip per record, and the deletions take effect only with the commit anyway.
                .onItemOrFailure().transformToUni((done, failure) -> delete(connection, acknowledged)
                        .chain(() -> failure == null ? Uni.createFrom().voidItem() : Uni.createFrom().failure(failure)));
    }

    private static Uni<Void> delete(SqlConnection connection, List<Long> ids) {
        return ids.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery("delete from outbox where id = any($1)")
                        .execute(Tuple.of(ids.toArray(Long[]::new)))
                        .replaceWithVoid();
    }

    /**
     * Commits also after a failed send: the rows deleted before it belong to acknowledged records, which must not go
     * out a second time. The lock goes with the transaction.
     */
    private static Uni<Void> end(Transaction transaction, Throwable failure) {
        if (failure == null) {
            return transaction.commit();
        }
        return transaction.commit().onItemOrFailure().transformToUni((committed, commitFailure) -> {
            if (commitFailure != null) {
                failure.addSuppressed(commitFailure);
            }
            return Uni.createFrom().failure(failure);
        });
    }
}
