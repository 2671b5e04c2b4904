package dev.agentmail.runtime.outbox;

import dev.agentmail.runtime.kafka.DurableProducerSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.InvalidRecordException;

/**
 * Publishes a batch of outbox events in one Kafka transaction: a consumer that reads committed records
 * ({@code isolation.level=read_committed}) sees the whole batch, in order, or none of it. A batch that fails half way
 * is aborted and sent again whole, so a failure in the middle cannot put one key's events out of order.
 *
 * <p>The transactional id is the service's, the same in every replica: only the replica that holds the publisher's
 * lock creates a producer, and when another takes over, its producer fences the old one and aborts what that one
 * left open, so a crashed publisher never holds back what consumers may read.
 *
 * <p>Its methods block (the Kafka client's transaction calls do): only the relay's own thread calls them.
 */
final class TransactionalPublisher implements AutoCloseable {

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

    private final Map<String, Object> settings;
    private final String source;
    private KafkaProducer<String, String> producer;

    /**
     * @param kafka   the service's Kafka client settings ({@code kafka.*}: bootstrap servers, security)
     * @param service the service's name: the transactional id, and the CloudEvents source {@code agentmail/<name>}
     */
    TransactionalPublisher(Map<String, Object> kafka, String service) {
        this.settings = DurableProducerSettings.of(kafka);
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, service + "-outbox");
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
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
        try {
            KafkaProducer<String, String> transactional = producer();
            transactional.beginTransaction();
            for (PendingEvent event : batch) {
                transactional.send(record(event), (metadata, error) -> {
                    if (error != null && refusesTheRecord(error)) {
                        refused.put(event.id(), error);
                    }
                });
            }
            transactional.commitTransaction();
            return Outcome.PUBLISHED;
        } catch (RuntimeException failure) {
            abort();
            return new Outcome(failure, Map.copyOf(refused));
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
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
