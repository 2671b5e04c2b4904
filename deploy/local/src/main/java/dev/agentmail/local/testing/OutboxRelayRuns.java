package dev.agentmail.local.testing;

import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Watches the relay from the database: a run holds the publisher's advisory lock for as long as its transaction
 * lasts, so the lock holder's transaction start tells one run from the next.
 */
public final class OutboxRelayRuns {

    /** A guard against hanging, not a measured expectation. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final String LOCK_HOLDER = """
            select a.xact_start from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and l.classid = 0 and l.objsubid = 1
              and l.objid::bigint = ?
              and l.database = (select oid from pg_database where datname = current_database())""";

    private final TestDatabase database;
    private final long publisherLock;

    /** @param publisherLock the advisory lock id the service's relay takes for a run */
    public OutboxRelayRuns(TestDatabase database, long publisherLock) {
        this.database = database;
        this.publisherLock = publisherLock;
    }

    /** The database's clock now, to compare the start of runs with. */
    public Timestamp now() {
        return (Timestamp) database.query("select clock_timestamp() as now").get(0).get("now");
    }

    /**
     * Waits for a run that started after {@code since}, so it saw every row committed before then, and then for
     * that run to end: by then it has published those rows, or failed to.
     */
    public void awaitARunStartedAfter(Timestamp since) {
        Object started = await("a relay run that started after " + since).atMost(PATIENCE).until(() -> database
                .query(LOCK_HOLDER + " and a.xact_start > ?", publisherLock, since)
                .stream().findFirst().map(row -> row.get("xact_start")), Optional::isPresent).get();
        await("the end of the relay run that started at " + started).atMost(PATIENCE).until(() -> database
                .query(LOCK_HOLDER, publisherLock)
                .stream().noneMatch(row -> Objects.equals(row.get("xact_start"), started)));
    }
}
