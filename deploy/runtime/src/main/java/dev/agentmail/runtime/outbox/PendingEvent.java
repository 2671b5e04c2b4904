package dev.agentmail.runtime.outbox;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;

/** One outbox row as the relay reads it, to be published. */
record PendingEvent(long id, String eventId, String topic, String key, String type, String payload,
                    Instant createdAt) {

    /** The columns {@link #from} reads, in the relay's query. */
    static final String COLUMNS = "id, event_id, topic, record_key, event_type, payload::text as payload, created_at";

    static PendingEvent from(Row row) {
        return new PendingEvent(
                row.getLong("id"),
                row.getString("event_id"),
                row.getString("topic"),
                row.getString("record_key"),
                row.getString("event_type"),
                row.getString("payload"),
                row.getOffsetDateTime("created_at").toInstant());
    }

    /** For log lines: what the event is, never its payload. */
    String describe() {
        return type + " " + eventId + " (" + topic + ", key " + key + ", " + payload.length() + " characters)";
    }
}
