package dev.agentmail.runtime.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.InvalidRecordException;
import org.jboss.logging.Logger;

/**
 * Publishes a batch of outbox events in one Kafka transaction: a consumer that reads committed records
 * ({@code isolation.level=read_committed}) sees the whole batch, in order, or none of it. A batch that fails half way
 * is aborted and sent again whole, so a failure in the middle cannot put one key's events out of order.
 *
 * <p>The transactional id is the service's, the same in every replica: only the replica that holds the publisher's
 * lock creates a producer, and when another takes over, its producer fences the old one and aborts what that one
 * left open, so a crashed publisher never holds back what consumers may read.
 *
 * <p>A batch counts as published once read_committed consumers can read it, which is later than its commit: the
 * broker answers a commit before it has written the transaction's markers into the partitions, and until then their
 * last stable offset stays before the batch. Whoever waits for an event to be published (a request answering after
 * its events, docs/read-your-writes.md) may then ask a partition's last stable offset and find the event in it.
 *
 * <p>Its methods block (the Kafka client's transaction calls do): only the relay's own thread calls them.
 */
final class TransactionalPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TransactionalPublisher.class);

    /** How long a committed batch may take to become readable before it counts as published all the same. */
    private static final Duration READABLE_WITHIN = Duration.ofSeconds(5);
    /** The pause between two looks at the last stable offsets: markers take about a millisecond to write. */
    private static final long READABLE_POLL_MILLIS = 1;

    /**
     * The largest record the producer sends, Kafka's default; events are bounded well below it
     * (docs/events.md), and topics accept it.
     */
    static final int MAX_RECORD_BYTES = 1_048_576;

    /** A batch's result: published whole, or not at all, with the events the broker refused for what they are. */
    record Outcome(RuntimeException failure, Map<Long, Exception> refused) {

        static final Outcome PUBLISHED = new Outcome(null, Map.of());

        boolean published() {
            return failure == null;
        }
    }

    private final Map<String, Object> kafka;
    private final Map<String, Object> settings;
    private final String source;
    private KafkaProducer<String, String> producer;
    private Admin admin;

    /**
     * @param kafka   the service's Kafka client settings ({@code kafka.*}: bootstrap servers, security)
     * @param service the service's name: the transactional id, and the CloudEvents source {@code agentmail/<name>}
     */
    TransactionalPublisher(Map<String, Object> kafka, String service) {
        this.kafka = Map.copyOf(kafka);
        this.settings = new HashMap<>(kafka);
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, service + "-outbox");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // A committed record is on every in-sync replica; the producer's own retries neither duplicate nor reorder.
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        // While the broker is away a call fails after these instead of hanging; the rows wait for the next try.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        // A transaction its publisher never ended holds back read_committed consumers of its partitions until the
        // broker aborts it; a publisher that takes over aborts it at once, this bounds the rest.
        settings.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // A batch that follows the previous one closely is told CONCURRENT_TRANSACTIONS while the broker still writes
        // the previous one's markers; the default 100 ms before asking again would be most of an event's way.
        settings.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        this.source = "agentmail/" + service;
    }

    /**
     * Publishes the batch in one transaction; never throws, the outcome says what happened. The Kafka client
     * reports some failures as IllegalStateException (a call after a timed-out commit, say), so every runtime
     * failure counts as one.
     */
    Outcome publish(List<PendingEvent> batch) {
        Map<Long, Exception> refused = new ConcurrentHashMap<>();
        Map<TopicPartition, Long> lastOffsets = new ConcurrentHashMap<>();
        try {
            KafkaProducer<String, String> transactional = producer();
            transactional.beginTransaction();
            for (PendingEvent event : batch) {
                transactional.send(record(event), (metadata, error) -> {
                    if (error == null) {
                        lastOffsets.merge(new TopicPartition(metadata.topic(), metadata.partition()),
                                metadata.offset(), Math::max);
                    } else if (refusesTheRecord(error)) {
                        refused.put(event.id(), error);
                    }
                });
            }
            // Every send's callback has run once the commit returns: the commit flushes the batch first.
            transactional.commitTransaction();
        } catch (RuntimeException failure) {
            abort();
            return new Outcome(failure, Map.copyOf(refused));
        }
        awaitReadable(lastOffsets);
        return Outcome.PUBLISHED;
    }

    /**
     * Waits until the last stable offset of every partition the batch went to is past the batch's last record
     * there. Bounded: the batch is committed whatever this finds, so a broker that does not say in time (or went
     * away just after the commit) only makes an early announcement, logged.
     */
    private void awaitReadable(Map<TopicPartition, Long> lastOffsets) {
        long deadline = System.nanoTime() + READABLE_WITHIN.toNanos();
        Map<TopicPartition, OffsetSpec> pending = new HashMap<>();
        lastOffsets.keySet().forEach(partition -> pending.put(partition, OffsetSpec.latest()));
        try {
            while (!pending.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("not readable within " + READABLE_WITHIN);
                }
                Map<TopicPartition, ListOffsetsResultInfo> lastStable = admin()
                        .listOffsets(pending, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .all().get(left, TimeUnit.NANOSECONDS);
                lastStable.forEach((partition, info) -> {
                    if (info.offset() > lastOffsets.get(partition)) {
                        pending.remove(partition);
                    }
                });
                if (!pending.isEmpty()) {
                    Thread.sleep(READABLE_POLL_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debugf("a committed batch is announced before read_committed consumers were seen to reach it: %s",
                    e.toString());
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            KafkaProducer<String, String> created = new KafkaProducer<>(settings);
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(new HashMap<>(kafka));
        }
        return admin;
    }

    /**
     * Aborts the open transaction. When even that fails (the broker is away, a commit timed out, or this producer
     * was fenced), the producer is dropped: the next one's initialisation aborts whatever this one left open.
     */
    private void abort() {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            close();
        }
    }

    /** Whether the broker or client refused this record for what it is, not for a failure of the broker. */
    private static boolean refusesTheRecord(Exception error) {
        return error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
                || error instanceof InvalidRecordException || error instanceof SerializationException
                || error instanceof InvalidTopicException;
    }

    private ProducerRecord<String, String> record(PendingEvent event) {
        return new ProducerRecord<>(event.topic(), null, event.key(), event.payload(), cloudEventHeaders(event));
    }

    /** The CloudEvents attributes, as the Kafka protocol binding's binary mode carries them. */
    private Headers cloudEventHeaders(PendingEvent event) {
        return new RecordHeaders()
                .add("ce_specversion", utf8("1.0"))
                .add("ce_id", utf8(event.eventId()))
                .add("ce_type", utf8(event.type()))
                .add("ce_source", utf8(source))
                .add("ce_subject", utf8(event.key()))
                .add("ce_time", utf8(event.createdAt().toString()))
                .add("content-type", utf8("application/json"));
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
