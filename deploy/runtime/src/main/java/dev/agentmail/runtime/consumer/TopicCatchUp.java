package dev.agentmail.runtime.consumer;

import dev.agentmail.runtime.notification.DatabaseNotifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Read your own writes across services: when a request names an id this service does not know (an inbox, a pod),
 * it may be that the event announcing it is on the topic but not applied here yet. {@link #orAfterCatchingUp} then
 * waits, bounded, until this service has applied everything the key's partition held when asked (up to its last
 * stable offset, i.e. what read_committed consumers can read, once the transactions open when asked have ended),
 * and looks again. An id that never existed costs two offset lookups at the broker, made together: the service is
 * usually caught up already, and then nothing is waited for.
 *
 * <p>Progress comes from {@code consumed_offsets}, written with each applied event in any replica, and announced by
 * its trigger on {@value #CONSUMED_CHANNEL}; see docs/read-your-writes.md.
 */
@ApplicationScoped
public class TopicCatchUp {

    /** The consumed_offsets trigger notifies here: {@code topic/partition/next_offset}. */
    public static final String CONSUMED_CHANNEL = "agentmail_consumed";

    private static final Logger LOG = Logger.getLogger(TopicCatchUp.class);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MARKER_POLL = Duration.ofMillis(1);

    /** A request waiting until a partition's applied offset reaches its target. */
    private record Waiter(long target, Runnable reached) {
    }

    private final Pool pool;
    private final DatabaseNotifications notifications;
    private final Map<String, Object> kafka;
    private final Duration patience;
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final Map<TopicPartition, List<Waiter>> waiting = new HashMap<>();
    /**
     * Partitions whose last stable offset was waited for in vain: what is left before it was never for us to apply
     * (an aborted transaction's records and its marker). Asking again at the same offset does not wait again.
     */
    private final Map<TopicPartition, Long> idleAt = new ConcurrentHashMap<>();
    private volatile Admin admin;

    TopicCatchUp(Pool pool, DatabaseNotifications notifications,
                 @Identifier("default-kafka-broker") Map<String, Object> kafka,
                 @ConfigProperty(name = "agentmail.catch-up.wait", defaultValue = "5s") Duration patience) {
        this.pool = pool;
        this.notifications = notifications;
        this.kafka = kafka;
        this.patience = patience;
    }

    void start(@Observes StartupEvent started) {
        notifications.listen(CONSUMED_CHANNEL, this::advanced);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }

    /**
     * Runs {@code lookup}; when what it answers is not {@code found}, catches up with the key's partition of
     * {@code topic} and runs it once more (the event may have been applied meanwhile even when nothing was waited
     * for).
     */
    public <T> Uni<T> orAfterCatchingUp(String topic, String key, Supplier<Uni<T>> lookup, Predicate<T> found) {
        return lookup.get().chain(result -> found.test(result) ? Uni.createFrom().item(result)
                : catchUp(topic, List.of(key)).chain(lookup::get));
    }

    /**
     * Waits, bounded, until this service has applied what the partitions of these keys held when asked. Never
     * fails: without the broker it answers at once, and the caller answers with what it knows.
     */
    public Uni<Void> catchUp(String topic, Collection<String> keys) {
        Context caller = Vertx.currentContext();
        Uni<Void> caughtUp = lastStableOffsets(topic, keys)
                .chain(offsets -> {
                    List<Uni<Void>> waits = offsets.entrySet().stream()
                            .filter(offset -> offset.getValue() > 0)
                            .map(offset -> awaitApplied(offset.getKey(), offset.getValue()))
                            .toList();
                    return waits.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(waits).andCollectFailures().replaceWithVoid();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("cannot catch up with %s, answering with what is known: %s", topic, failure);
                    return null;
                });
        // The broker's answers come on the Kafka client's thread; the caller's session lives on its Vert.x context.
        return caller == null ? caughtUp : caughtUp.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private Uni<Map<TopicPartition, Long>> lastStableOffsets(String topic, Collection<String> keys) {
        return partitionCount(topic).chain(count -> {
            // The producer's own choice of partition for a keyed record (murmur2 of the key).
            Set<TopicPartition> partitions = new HashSet<>();
            for (String key : keys) {
                partitions.add(new TopicPartition(topic,
                        BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), count)));
            }
            long deadline = System.nanoTime() + patience.toNanos();
            return Uni.combine().all()
                    .unis(offsets(partitions, IsolationLevel.READ_COMMITTED),
                            offsets(partitions, IsolationLevel.READ_UNCOMMITTED))
                    .asTuple()
                    .chain(both -> pastOpenTransactions(both.getItem1(), both.getItem2(), deadline));
        });
    }

    /**
     * The broker answers a transaction's commit before it writes the commit markers into the partitions, and until
     * then their last stable offset stays before the transaction: a record whose publisher already answered (an
     * inbox whose create already answered) can be in it. So where a transaction is open, that is, where the last
     * stable offset is below the end of the log, this waits (bounded) until the last stable offset has passed the
     * end seen when asked: every transaction open then has ended, committed or aborted.
     */
    private Uni<Map<TopicPartition, Long>> pastOpenTransactions(Map<TopicPartition, Long> lastStable,
                                                                Map<TopicPartition, Long> ends, long deadline) {
        Set<TopicPartition> open = new HashSet<>();
        lastStable.forEach((partition, offset) -> {
            if (offset < ends.get(partition)) {
                open.add(partition);
            }
        });
        if (open.isEmpty() || System.nanoTime() > deadline) {
            return Uni.createFrom().item(lastStable);
        }
        // Markers are written within a millisecond or two of the commit.
        return Uni.createFrom().voidItem().onItem().delayIt().by(MARKER_POLL)
                .chain(() -> offsets(open, IsolationLevel.READ_COMMITTED))
                .chain(again -> {
                    Map<TopicPartition, Long> updated = new HashMap<>(lastStable);
                    updated.putAll(again);
                    return pastOpenTransactions(updated, ends, deadline);
                });
    }

    /** The partitions' last offsets as consumers of this isolation level see them. */
    private Uni<Map<TopicPartition, Long>> offsets(Set<TopicPartition> partitions, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var offsets = admin().listOffsets(latest,
                new ListOffsetsOptions(isolation).timeoutMs((int) BROKER_TIMEOUT.toMillis()));
        return Uni.createFrom().completionStage(offsets.all().toCompletionStage())
                .map(results -> {
                    Map<TopicPartition, Long> last = new HashMap<>();
                    results.forEach((partition, info) -> last.put(partition, info.offset()));
                    return last;
                });
    }

    private Uni<Integer> partitionCount(String topic) {
        Integer known = partitionCounts.get(topic);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        var description = admin().describeTopics(List.of(topic)).topicNameValues().get(topic);
        return Uni.createFrom().completionStage(description.toCompletionStage())
                .map(topicDescription -> topicDescription.partitions().size())
                .invoke(count -> partitionCounts.put(topic, count));
    }

    /**
     * Waits until the partition is applied up to the record before {@code lastStable}. With transactional producers
     * the last offset before a last stable offset is a commit marker, which no consumer is handed, so having
     * applied everything before that marker is all there is to wait for.
     */
    private Uni<Void> awaitApplied(TopicPartition partition, long lastStable) {
        long target = lastStable - 1;
        Long idle = idleAt.get(partition);
        if (idle != null && idle == lastStable) {
            return Uni.createFrom().voidItem();
        }
        List<Waiter> registered = new ArrayList<>();
        // Completed on whichever thread saw the advance; catchUp hands the result back to the caller's context.
        return Uni.createFrom().<Void>emitter(emitter -> {
                    Waiter waiter = new Waiter(target, () -> emitter.complete(null));
                    synchronized (this) {
                        waiting.computeIfAbsent(partition, p -> new ArrayList<>()).add(waiter);
                        registered.add(waiter);
                    }
                    // Registered first, then read: an advance between the two is not missed.
                    applied(partition).subscribe().with(next -> {
                        if (next >= target) {
                            waiter.reached().run();
                        }
                    }, emitter::fail);
                })
                .ifNoItem().after(patience).recoverWithItem(() -> {
                    idleAt.put(partition, lastStable);
                    LOG.debugf("%s was not applied up to %d within %s", partition, target, patience);
                    return null;
                })
                .onTermination().invoke(() -> forget(partition, registered));
    }

    private Uni<Long> applied(TopicPartition partition) {
        return pool.preparedQuery("select next_offset from consumed_offsets where topic = $1 and kafka_partition = $2")
                .execute(Tuple.of(partition.topic(), partition.partition()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("next_offset") : 0L);
    }

    /** A consumed_offsets trigger's notification: {@code topic/partition/next_offset}. */
    private void advanced(String payload) {
        int last = payload.lastIndexOf('/');
        int middle = payload.lastIndexOf('/', last - 1);
        TopicPartition partition = new TopicPartition(payload.substring(0, middle),
                Integer.parseInt(payload.substring(middle + 1, last)));
        long next = Long.parseLong(payload.substring(last + 1));
        idleAt.remove(partition);
        List<Runnable> reached = new ArrayList<>();
        synchronized (this) {
            List<Waiter> waiters = waiting.get(partition);
            if (waiters == null) {
                return;
            }
            waiters.removeIf(waiter -> {
                if (next >= waiter.target()) {
                    reached.add(waiter.reached());
                    return true;
                }
                return false;
            });
        }
        reached.forEach(Runnable::run);
    }

    private synchronized void forget(TopicPartition partition, List<Waiter> registered) {
        List<Waiter> waiters = waiting.get(partition);
        if (waiters != null) {
            waiters.removeAll(registered);
            if (waiters.isEmpty()) {
                waiting.remove(partition);
            }
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(new HashMap<>(kafka));
                }
            }
        }
        return admin;
    }
}
