package dev.agentmail.runtime.consumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * How a service applies the events it consumes: once in effect, however often they are delivered, a poll's batch
 * of records in one transaction. The events' ids go into the {@code processed_events} table (the runtime's migration
 * creates it) in the same transaction as their changes, so a redelivered event finds its id there and changes
 * nothing ({@link ProcessedEventsPruner} forgets them after {@link ConsumerConfig#processedRetention()}).
 *
 * <p>A batch that fails is applied again one record at a time, each in its own transaction, so that one event that
 * cannot be applied does not hold back the others. An event that fails
 * {@link ConsumerConfig#attemptsBeforeDeadLetter()} times while the database answers is set aside
 * ({@link DeadLetters}) and the events after it flow; while the database does not answer it is retried with back-off
 * without bound, since skipping it could lose an inbox's deletion that is fine in itself. The partitions wait
 * meanwhile, which keeps one key's events in order.
 *
 * <p>The same transaction records how far the service has read each partition of the batch
 * ({@code consumed_offsets}), which is how {@link TopicCatchUp} knows, on any replica, whether an event is applied
 * yet. One transaction per batch rather than per event is what lets a consumer keep up with thousands of inbox
 * creations a second: the statements that record progress, and the commit, are paid once per batch.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);

    /**
     * An event read from a record, to apply once.
     *
     * @param eventId     the event's id, unique per event
     * @param description what the event is, for the log line of a failed attempt (no secrets)
     * @param change      the change the event makes, run in the transaction that records its id
     */
    public record Applicable(String eventId, String description, Supplier<Uni<Void>> change) {
    }

    /** A record of the batch, with the event read from it, or none. */
    private record Read(ConsumerRecord<String, String> record, Applicable event) {
    }

    private final Pool pool;
    private final DeadLetters deadLetters;
    private final ConsumerConfig config;

    ProcessedEvents(Pool pool, DeadLetters deadLetters, ConsumerConfig config) {
        this.pool = pool;
        this.deadLetters = deadLetters;
        this.config = config;
    }

    /**
     * Applies the events of {@code records}, in their order, each unless its id was processed before, and records
     * the position of every record of the batch.
     *
     * @param records the batch as polled
     * @param reader  the event of a record, or null for a record that holds nothing to apply (logged by the reader)
     */
    public Uni<Void> applyOnce(ConsumerRecords<String, String> records,
                               Function<ConsumerRecord<String, String>, Applicable> reader) {
        List<Read> batch = StreamSupport.stream(records.spliterator(), false)
                .map(record -> new Read(record, reader.apply(record)))
                .toList();
        return Panache.withTransaction(() -> apply(batch).chain(() -> ConsumedOffsets.advance(records)))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("applying a batch of %d records failed, applying them one at a time: %s", batch.size(),
                            failure.getMessage());
                    return Multi.createFrom().iterable(batch)
                            .onItem().transformToUniAndConcatenate(this::applyAlone)
                            .collect().last().replaceWithVoid();
                });
    }

    /** One record in its own transaction; its event set aside if it fails every attempt while the database answers. */
    private Uni<Void> applyAlone(Read read) {
        return Panache.withTransaction(() -> apply(List.of(read)).chain(() -> ConsumedOffsets.advance(read.record())))
                .onFailure().invoke(failure -> LOG.warnf("applying %s failed: %s", describe(read),
                        failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .atMost(Math.max(1, config.attemptsBeforeDeadLetter() - 1))
                .onFailure().recoverWithUni(failure -> databaseAnswers().chain(answers -> answers
                        ? deadLetters.park(read.record(), read.event(), failure)
                        : Uni.createFrom().failure(new DatabaseAway(failure))))
                .onFailure(DatabaseAway.class).retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .indefinitely();
    }

    /** The batch's events, in order, each at its first delivery. */
    private static Uni<Void> apply(List<Read> batch) {
        List<Applicable> events = batch.stream().map(Read::event).filter(event -> event != null).toList();
        return firstDeliveries(events)
                .chain(first -> Multi.createFrom().iterable(events)
                        // An id twice in one batch (published twice) applies at its first place only.
                        .filter(event -> first.remove(event.eventId()))
                        .onItem().transformToUniAndConcatenate(event -> event.change().get())
                        .collect().last())
                .replaceWithVoid();
    }

    /** The ids of these events not processed before, now recorded as processed. */
    private static Uni<Set<String>> firstDeliveries(List<Applicable> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        List<String> ids = events.stream().map(Applicable::eventId).toList();
        // The ids also go in as a list (?2): a query with a list parameter is planned anew each time, which spares
        // Hibernate Reactive 3.2's plan cache one more entry on every run of a native select (its result mapping
        // has no equals, so no run finds the last one's plan, and each lookup walks all of them).
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with recorded as (insert into processed_events (event_id) select unnest(cast(?1 as text[]))
                                          on conflict do nothing returning event_id)
                        select event_id from recorded where event_id in (?2)""", String.class)
                .setParameter(1, ids.toArray(String[]::new))
                .setParameter(2, ids)
                .getResultList())
                .map(HashSet::new);
    }

    /** Whether the database takes a statement now: if not, a failure says nothing about the event that met it. */
    private Uni<Boolean> databaseAnswers() {
        return pool.query("select 1").execute()
                .map(rows -> true)
                .onFailure().recoverWithItem(false);
    }

    private static String describe(Read read) {
        ConsumerRecord<String, String> record = read.record();
        return read.event() == null
                ? "the record at " + record.topic() + "/" + record.partition() + "@" + record.offset()
                : read.event().description() + " " + read.event().eventId();
    }

    /** The failure of an event's last attempt while the database did not answer: to be tried again, not set aside. */
    private static final class DatabaseAway extends RuntimeException {

        DatabaseAway(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
