package dev.agentmail.runtime.consumer;

import dev.agentmail.runtime.kafka.DurableProducerSettings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Where an event goes that cannot be applied however often it is tried: published as it was read to the topic's
 * dead-letter topic ({@code <topic>.dead-letter}, same key) with headers that say where it came from and why, then
 * recorded in {@code consumer_dead_letters} in the transaction that moves the partition's position past it. Published
 * first, so that a crash in between publishes it twice rather than not at all. Its id is not recorded as processed:
 * an operator who publishes it again to its topic, once its cause is fixed, has it applied.
 */
@ApplicationScoped
class DeadLetters {

    static final String TOPIC_SUFFIX = ".dead-letter";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Map<String, Object> kafka;
    private KafkaProducer<String, String> producer;

    DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    /**
     * Sets {@code record} aside after {@code failure} of its last attempt, and moves its partition's position past it.
     *
     * @param event the event read from it, or null for a record that held none
     */
    Uni<Void> park(ConsumerRecord<String, String> record, ProcessedEvents.Applicable event, Throwable failure) {
        String error = String.valueOf(failure.getMessage());
        String eventId = event == null ? null : event.eventId();
        String description = event == null ? "a record without an event" : event.description();
        LOG.errorf("setting %s %s at %s/%d@%d aside in %s after its last attempt failed: %s", description, eventId,
                record.topic(), record.partition(), record.offset(), record.topic() + TOPIC_SUFFIX, error);
        Context context = Vertx.currentContext();
        return publish(record, eventId, error)
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .chain(() -> Panache.withTransaction(() -> NativeUpdate.execute("""
                                insert into consumer_dead_letters (topic, kafka_partition, kafka_offset, event_id,
                                                                   description, error)
                                values (?1, ?2, ?3, ?4, ?5, ?6)""",
                                record.topic(), record.partition(), record.offset(), storable(eventId),
                                storable(description), storable(error))
                        .chain(() -> ConsumedOffsets.advance(record))));
    }

    private Uni<Void> publish(ConsumerRecord<String, String> record, String eventId, String error) {
        ProducerRecord<String, String> letter = new ProducerRecord<>(record.topic() + TOPIC_SUFFIX, record.key(),
                record.value());
        record.headers().forEach(header -> letter.headers().add(header));
        letter.headers()
                .add("agentmail_dead_letter_topic", bytes(record.topic()))
                .add("agentmail_dead_letter_partition", bytes(String.valueOf(record.partition())))
                .add("agentmail_dead_letter_offset", bytes(String.valueOf(record.offset())))
                .add("agentmail_dead_letter_event_id", bytes(String.valueOf(eventId)))
                .add("agentmail_dead_letter_error", bytes(error));
        return Uni.createFrom().<Void>emitter(emitter -> producer().send(letter, (metadata, failure) -> {
                    if (failure == null) {
                        emitter.complete(null);
                    } else {
                        emitter.fail(failure);
                    }
                }))
                // send() may block for the topic's metadata while the broker is away.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(DurableProducerSettings.of(kafka));
        }
        return producer;
    }

    synchronized void close(@Observes ShutdownEvent shutdown) {
        if (producer != null) {
            producer.close();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** PostgreSQL's text cannot hold NUL, and a poison event may be poison for holding one. */
    private static String storable(String text) {
        return text == null ? null : text.replace('\0', '\uFFFD');
    }
}
