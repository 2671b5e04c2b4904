package dev.agentmail.runtime.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;

/** An event waiting in the outbox table for the relay to publish it. Written only through {@link Outbox}. */
@Entity
@Table(name = "outbox")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, updatable = false)
    public String eventId;

    @Column(nullable = false, updatable = false)
    public String topic;

    @Column(name = "record_key", nullable = false, updatable = false)
    public String recordKey;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    /**
     * The record value, JSON text. The column is jsonb, which the reactive PostgreSQL client would write a Java
     * String into as a JSON string literal and read back as a parsed object: going through text keeps it the
     * document itself both ways.
     */
    @Column(nullable = false, updatable = false)
    @ColumnTransformer(read = "cast(payload as text)", write = "cast(cast(? as text) as jsonb)")
    public String payload;

    /** Set by the database to the inserting transaction's time; not read back into a new instance. */
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    protected OutboxEvent() {
    }

    OutboxEvent(String topic, String recordKey, String eventType, String eventId, String payload) {
        this.topic = topic;
        this.recordKey = recordKey;
        this.eventType = eventType;
        this.eventId = eventId;
        this.payload = payload;
    }
}
