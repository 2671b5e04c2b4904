package dev.agentmail.runtime.consumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * How a service applies an event it consumes: once in effect, however often it is delivered. The event's id goes
 * into the service's {@code processed_events} table (its migrations create it: {@code event_id text primary key})
 * in the same transaction as the change, so a redelivered event finds it there and changes nothing. A failure to
 * apply is retried with back-off, never skipped: skipping could lose an inbox's deletion. The partition waits
 * meanwhile, which keeps one key's events in order.
 *
 * <p>The same transaction records how far the service has read the record's partition ({@code consumed_offsets}),
 * which is how {@link TopicCatchUp} knows, on any replica, whether an event is applied yet.
 */
public final class ProcessedEvents {

    private static final Logger LOG = Logger.getLogger(ProcessedEvents.class);

    private ProcessedEvents() {
    }

    /**
     * @param record      the record the event came in, whose position is recorded with the change
     * @param eventId     the event's id, unique per event
     * @param description what the event is, for the log line of a failed attempt (no secrets)
     * @param change      the change the event makes, run in the transaction that records its id
     */
    public static Uni<Void> applyOnce(ConsumerRecord<?, ?> record, String eventId, String description,
                                      Supplier<Uni<Void>> change) {
        return Panache.withTransaction(() -> firstDelivery(eventId)
                        .chain(first -> first ? change.get() : Uni.createFrom().voidItem())
                        .chain(() -> ConsumedOffsets.advance(record)))
                .onFailure().invoke(failure -> LOG.warnf("applying %s %s failed, retrying: %s",
                        description, eventId, failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely();
    }

    /** A record that holds nothing to apply (not an event this service reads): only its position is recorded. */
    public static Uni<Void> passOver(ConsumerRecord<?, ?> record) {
        return Panache.withTransaction(() -> ConsumedOffsets.advance(record))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely();
    }

    private static Uni<Boolean> firstDelivery(String eventId) {
        return NativeUpdate.execute("insert into processed_events (event_id) values (?1) on conflict do nothing",
                        eventId)
                .map(inserted -> inserted == 1);
    }
}
