package dev.agentmail.runtime.outbox;

import dev.agentmail.runtime.notification.DatabaseNotifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka: the oldest rows first, a batch per Kafka transaction, each batch's rows deleted once
 * the transaction committed. While the broker is away the rows stay, and go out in the same order once it is back.
 *
 * <p><b>One publisher.</b> Of all replicas, the one that holds a session-level advisory lock on its own database
 * connection publishes; the others ask for the lock every poll interval and take over when its holder's connection
 * ends. Each batch reads the table from its lowest id rather than after the last id seen, because ids are handed out
 * before commit and a lower one can become visible after a higher one.
 *
 * <p><b>At once.</b> A trigger on the outbox table notifies every replica when a transaction that appended events
 * commits (LISTEN/NOTIFY), and the publisher starts a batch then; the poll interval is only a safety net. Rows
 * published are announced the same way, so that a request waiting on another replica answers as soon as its events
 * are out ({@link AnswerAfterPublished}).
 *
 * <p><b>No event stops the others.</b> An event the broker refuses for what it is (too large, say) is tried
 * {@code attempts-before-parking} times, then moved to {@code outbox_parked} with the error, logged once, and the
 * rows after it flow. {@code select outbox_retry_parked()} puts parked rows back, in their place.
 *
 * <p>The relay runs on a thread of its own and blocks there: the Kafka client's transaction calls block, and a
 * blocking loop reads plainly. It uses the plain reactive client, not Hibernate Reactive.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The advisory lock that makes one relay the publisher: "outb" in ASCII, the same in every replica. */
    public static final long PUBLISHER_LOCK = 0x6f757462L;

    /** The outbox table's trigger notifies on this channel when rows were appended (migration). */
    static final String APPENDED_CHANNEL = "agentmail_outbox";

    /** The publisher announces here the ids of the rows it published, separated by commas. */
    static final String PUBLISHED_CHANNEL = "agentmail_outbox_published";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** A notification's payload must stay under PostgreSQL's 8000 bytes: ids of up to 19 digits and a comma. */
    private static final int IDS_PER_ANNOUNCEMENT = 350;

    /** A bound on any one database call of the relay, so that a dead connection cannot stall it for good. */
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    OutboxConfig config;

    @Inject
    PublishedEvents published;

    @Inject
    DatabaseNotifications notifications;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private final Semaphore work = new Semaphore(0);
    /** Failed attempts of rows the broker refused, by row id; the relay thread's own. */
    private final Map<Long, Integer> refusals = new HashMap<>();
    private TransactionalPublisher publisher;
    private SqlConnection lockHolder;
    private Thread thread;
    private volatile boolean stopped;
    private volatile boolean brokerAway;
    /** Whether the last database call failed: said once per outage, not once per try. */
    private boolean databaseAway;

    void start(@Observes StartupEvent started) {
        notifications.listen(APPENDED_CHANNEL, ignored -> wake());
        notifications.listen(PUBLISHED_CHANNEL, published::announced);
        notifications.onReconnect(this::wake);
        publisher = new TransactionalPublisher(kafka, service);
        thread = new Thread(this::runUntilStopped, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Lets a batch under way finish (each Kafka call is bounded), so that its rows are not published twice. */
    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopped = true;
        wake();
        thread.join(Duration.ofSeconds(15).toMillis());
        thread.interrupt();
    }

    /** Whether the last batch failed for the broker's sake: new events wait for it, nobody should wait for them. */
    public boolean brokerAway() {
        return brokerAway;
    }

    private void wake() {
        work.release();
    }

    private void runUntilStopped() {
        try {
            while (!stopped) {
                if (publisherLockHeld()) {
                    publishAll();
                }
                rest();
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            publisher.close();
            releaseLock();
        }
    }

    /**
     * The publisher waits for a notification, or the poll interval at most. A replica that is not the publisher
     * asks for the lock again, and a publisher that found the broker away tries again, only at the poll interval:
     * notifications would only make more tries that fail.
     */
    private void rest() throws InterruptedException {
        if (lockHolder == null || brokerAway) {
            Thread.sleep(config.pollInterval().toMillis());
        } else {
            work.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        work.drainPermits();
    }

    /** Whether this replica is the publisher, becoming it when nobody else is. */
    private boolean publisherLockHeld() {
        if (lockHolder != null) {
            return true;
        }
        SqlConnection connection = null;
        try {
            connection = pool.getConnection().await().atMost(DATABASE_TIMEOUT);
            boolean locked = connection.preparedQuery("select pg_try_advisory_lock($1) as locked")
                    .execute(Tuple.of(PUBLISHER_LOCK)).await().atMost(DATABASE_TIMEOUT)
                    .iterator().next().getBoolean("locked");
            databaseAnswers();
            if (locked) {
                // The publisher only deletes what it published: a delete lost to a database crash publishes those
                // rows again, which consumers take once (processed_events). So its commits need not wait for the
                // disk, which would cost a flush per batch.
                connection.query("set synchronous_commit = off").execute().await().atMost(DATABASE_TIMEOUT);
                lockHolder = connection;
                LOG.debugf("this replica publishes the outbox");
                return true;
            }
        } catch (RuntimeException e) {
            databaseFailed(e);
        }
        if (connection != null) {
            connection.closeAndForget();
        }
        return false;
    }

    private void releaseLock() {
        if (lockHolder != null) {
            // Closing the session releases its advisory lock; another replica takes over at its next look.
            lockHolder.closeAndForget();
            lockHolder = null;
        }
    }

    /** Publishes batch after batch until the table is empty, the broker fails, or the database does. */
    private void publishAll() {
        try {
            List<PendingEvent> batch;
            do {
                batch = oldest();
                if (batch.isEmpty()) {
                    return;
                }
                if (!publish(batch)) {
                    return;
                }
            } while (!stopped);
        } catch (RuntimeException e) {
            // The lock went with a broken connection; whoever holds it next starts again from the oldest row.
            databaseFailed(e);
            releaseLock();
        }
    }

    private void databaseFailed(RuntimeException failure) {
        if (!databaseAway) {
            databaseAway = true;
            LOG.warnf("outbox relay: the database failed, events wait until it answers again: %s",
                    failure.getMessage());
        }
    }

    private void databaseAnswers() {
        if (databaseAway) {
            databaseAway = false;
            LOG.infof("outbox relay: the database answers again");
        }
    }

    private List<PendingEvent> oldest() {
        List<PendingEvent> batch = new ArrayList<>();
        lockHolder.preparedQuery("select " + PendingEvent.COLUMNS + " from outbox order by id limit $1")
                .execute(Tuple.of(config.batchSize())).await().atMost(DATABASE_TIMEOUT)
                .forEach(row -> batch.add(PendingEvent.from(row)));
        return batch;
    }

    /** One batch, one transaction; answers whether to go on with the next. */
    private boolean publish(List<PendingEvent> batch) {
        TransactionalPublisher.Outcome outcome = publisher.publish(batch);
        if (outcome.published()) {
            List<Long> ids = batch.stream().map(PendingEvent::id).toList();
            ids.forEach(refusals::remove);
            // Requests here waiting for these rows answer first; their deletion is only housekeeping.
            published.published(ids);
            deleteAndAnnounce(ids);
            if (brokerAway) {
                brokerAway = false;
                LOG.infof("outbox relay: the broker answers again, publishing resumed");
            }
            return true;
        }
        if (outcome.refused().isEmpty()) {
            if (!brokerAway) {
                brokerAway = true;
                LOG.warnf("outbox relay: the broker did not take a batch of %d events; they wait in the outbox and "
                        + "are tried again every %s: %s", batch.size(), config.pollInterval(), outcome.failure());
            }
            return false;
        }
        for (PendingEvent event : batch) {
            Exception refusal = outcome.refused().get(event.id());
            if (refusal != null) {
                refused(event, refusal);
            }
        }
        // The batch is tried again at once, without the rows that were parked.
        return true;
    }

    private void refused(PendingEvent event, Exception refusal) {
        int attempts = refusals.merge(event.id(), 1, Integer::sum);
        if (attempts < config.attemptsBeforeParking()) {
            return;
        }
        refusals.remove(event.id());
        lockHolder.preparedQuery("""
                        with parked as (delete from outbox where id = $1 returning *)
                        insert into outbox_parked (id, event_id, topic, record_key, event_type, payload, created_at, error)
                        select id, event_id, topic, record_key, event_type, payload, created_at, $2 from parked""")
                .execute(Tuple.of(event.id(), String.valueOf(refusal))).await().atMost(DATABASE_TIMEOUT);
        LOG.errorf("outbox relay: parked event %s after %d refusals (%s); the events after it go on. It stays in "
                + "outbox_parked; select outbox_retry_parked() tries it again", event.describe(), attempts, refusal);
    }

    /**
     * Deletes the published rows and tells the other replicas which went out, for the requests waiting on them: one
     * statement, and so one transaction, per notification (each names at most IDS_PER_ANNOUNCEMENT rows). The
     * notification is delivered when the deletion commits.
     */
    private void deleteAndAnnounce(List<Long> ids) {
        for (int from = 0; from < ids.size(); from += IDS_PER_ANNOUNCEMENT) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + IDS_PER_ANNOUNCEMENT));
            String payload = part.stream().map(String::valueOf).collect(Collectors.joining(","));
            lockHolder.preparedQuery("with deleted as (delete from outbox where id = any($1)) select pg_notify($2, $3)")
                    .execute(Tuple.of(part.toArray(Long[]::new), PUBLISHED_CHANNEL, payload))
                    .await().atMost(DATABASE_TIMEOUT);
        }
    }
}
