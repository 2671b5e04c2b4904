package dev.agentmail.runtime.consumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * How a service applies the events it consumes: once in effect, however often they are delivered, a poll's batch
 * of records in one transaction. The events' ids go into the service's {@code processed_events} table (its
 * migrations create it: {@code event_id text primary key}) in the same transaction as their changes, so a
 * redelivered event finds its id there and changes nothing. A failure to apply is retried with back-off, never
 * skipped: skipping could lose an inbox's deletion. The partitions wait meanwhile, which keeps one key's events in
 * order.
 *
 * <p>The same transaction records how far the service has read each partition of the batch
 * ({@code consumed_offsets}), which is how {@link TopicCatchUp} knows, on any replica, whether an event is applied
 * yet. One transaction per batch rather than per event is what lets a consumer keep up with thousands of inbox
 * creations a second: the statements that record progress, and the commit, are paid once per batch.
 */
public final class ProcessedEvents {

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

    private ProcessedEvents() {
    }

    /**
     * Applies {@code events}, in their order, each unless its id was processed before, and records the position
     * of every record of the batch, all in one transaction.
     *
     * @param records the batch as polled, whose positions are recorded with the changes
     * @param events  the events read from them; records that hold nothing to apply have none
     */
    public static Uni<Void> applyOnce(ConsumerRecords<?, ?> records, List<Applicable> events) {
        return Panache.withTransaction(() -> firstDeliveries(events)
                        .chain(first -> Multi.createFrom().iterable(events)
                                // An id twice in one batch (published twice) applies at its first place only.
                                .filter(event -> first.remove(event.eventId()))
                                .onItem().transformToUniAndConcatenate(event -> event.change().get())
                                .collect().last())
                        .chain(() -> ConsumedOffsets.advance(records)))
                .onFailure().invoke(failure -> LOG.warnf("applying %s failed, retrying: %s", describe(events),
                        failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely();
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

    private static String describe(List<Applicable> events) {
        if (events.size() == 1) {
            return events.get(0).description() + " " + events.get(0).eventId();
        }
        return "a batch of " + events.size() + " events"
                + (events.isEmpty() ? "" : " from " + events.get(0).description() + " " + events.get(0).eventId());
    }
}
