package dev.agentmail.runtime.outbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends one outbox event as a Kafka record through the {@code outbox} channel: its own topic and key, the payload as
 * the value, and the CloudEvents attributes as headers (the Kafka protocol binding's binary mode).
 */
@ApplicationScoped
class EventPublisher {

    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;

    @Inject
    OutboxConfig config;

    /** The CloudEvents source: {@code agentmail/} and the publishing service's name. */
    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /** Completes once the broker has acknowledged the record (acks=all), fails when it is refused or not answered. */
    Uni<Void> publish(PendingEvent event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic())
                .withKey(event.key())
                .withHeaders(cloudEventHeaders(event, "agentmail/" + service))
                .build();
        return emitter.sendMessage(Message.of(event.payload()).addMetadata(metadata))
                .ifNoItem().after(config.sendTimeout()).fail()
                .onFailure().transform(cause -> new NotAcknowledged(event, cause));
    }

    private static Headers cloudEventHeaders(PendingEvent event, String source) {
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

    /** The broker did not acknowledge an event's record; the event stays in the outbox. */
    static final class NotAcknowledged extends RuntimeException {

        NotAcknowledged(PendingEvent event, Throwable cause) {
            super("event " + event.eventId() + " (" + event.type() + " on " + event.topic()
                    + ") was not acknowledged: " + cause, cause);
        }
    }
}
