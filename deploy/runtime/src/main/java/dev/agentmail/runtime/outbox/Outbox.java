package dev.agentmail.runtime.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Where this service's events start: {@link #append} writes an event into the outbox table in the caller's
 * transaction, and {@link OutboxRelay} publishes it to Kafka once that transaction has committed.
 */
@ApplicationScoped
public class Outbox {

    /**
     * The most bytes of UTF-8 an event's payload should have (docs/events.md). Below the producer's and topics'
     * largest record (1 MiB), with room for the key and headers. A producer that can make larger events shrinks them
     * (thread-service leaves a message's bodies out); one still larger is refused by Kafka and parked by the relay.
     */
    public static final int MAX_EVENT_BYTES = 1_000_000;

    private final ObjectMapper json;
    private final AppendedEvents appended;

    Outbox(ObjectMapper json, AppendedEvents appended) {
        this.json = json;
        this.appended = appended;
    }

    /** A new event id, as AgentMail writes them: {@code evt_} and a random UUID. */
    public static String newEventId() {
        return "evt_" + UUID.randomUUID();
    }

    /**
     * Appends the event of a change to a resource, in AgentMail's envelope:
     * {@code {"type":"event","event_type":…,"event_id":…,"organization_id":…,"<resourceName>":<resource>}}.
     *
     * <p>It flushes the session first, so that the changed resource's row is written, and locked, before its event
     * is appended: a concurrent change of the same resource then waits for this transaction's commit before it
     * appends, and the events of one key keep the order of the changes (see {@link #append}).
     *
     * @param key      the record key: the resource's id
     * @param resource the resource as the API shows it
     */
    public Uni<Void> appendChange(String topic, String key, String eventType, String organizationId,
                                  String resourceName, Object resource) {
        String eventId = newEventId();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "event");
        envelope.put("event_type", eventType);
        envelope.put("event_id", eventId);
        envelope.put("organization_id", organizationId);
        envelope.put(resourceName, resource);
        return Panache.flush().chain(() -> appendJson(topic, key, eventType, eventId, envelope));
    }

    /**
     * {@link #append} of an event written as JSON by the service's own ObjectMapper, so that it follows the same
     * naming rules as the service's answers (the event payloads are the API's resources).
     */
    private Uni<Void> appendJson(String topic, String key, String eventType, String eventId, Object event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot write " + eventType, e));
        }
        return append(topic, key, eventType, eventId, payload);
    }

    /**
     * Adds an event to the outbox within the current Hibernate Reactive transaction, so that it is published if and
     * only if that transaction commits. Call it inside the caller's {@code Panache.withTransaction} (or
     * {@code @WithTransaction}), together with the change the event reports; outside a transaction it fails with
     * {@link IllegalStateException} and writes nothing.
     *
     * <p>Events of one key are published in the order their rows were inserted. Two transactions that append for the
     * same key should therefore first change (and so lock) that key's own row, which makes the second wait for the
     * first to commit before it appends.
     *
     * @param topic       the Kafka topic, e.g. {@code inbox.events}
     * @param key         the record key and CloudEvents subject, e.g. the inbox_id
     * @param eventType   the CloudEvents type, e.g. {@code inbox.created}
     * @param eventId     the CloudEvents id, unique: appending an id twice fails the transaction
     * @param payloadJson the record value, a JSON document
     */
    public Uni<Void> append(String topic, String key, String eventType, String eventId, String payloadJson) {
        OutboxEvent event = new OutboxEvent(
                Objects.requireNonNull(topic, "topic"),
                Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(eventType, "eventType"),
                Objects.requireNonNull(eventId, "eventId"),
                Objects.requireNonNull(payloadJson, "payloadJson"));
        return Panache.currentTransaction().chain(transaction -> {
            if (transaction == null) {
                // Written on its own, the event could commit without the change it reports, or the other way round.
                return Uni.createFrom().failure(new IllegalStateException(
                        "Outbox.append needs the caller's transaction: call it inside Panache.withTransaction"));
            }
            return event.persist().invoke(() -> {
                // A request's answer waits for its events (AnswerAfterPublished); a consumer's or a timer's does not.
                if (Arc.container().requestContext().isActive()) {
                    appended.add(event.id);
                }
            }).replaceWithVoid();
        });
    }
}
