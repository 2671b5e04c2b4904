package dev.agentmail.auth.outbox;

import dev.agentmail.runtime.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** An event as a producer in this service would append it, with unique ids so runs never see each other's. */
record TestEvent(String key, String type, String id, String payload) {

    static final String TOPIC = "auth.events";

    /** A new api_key.updated event of {@code key}, its payload shaped like the value consumers read. */
    static TestEvent of(String key) {
        String id = "evt_" + UUID.randomUUID();
        String payload = "{\"type\":\"event\",\"event_type\":\"api_key.updated\",\"event_id\":\"" + id
                + "\",\"api_key\":{\"api_key_id\":\"" + key + "\",\"permissions\":[\"inbox:read\"],\"n\":1.50}}";
        return new TestEvent(key, "api_key.updated", id, payload);
    }

    /** An event whose payload is about {@code bytes} long: padded with a string of that length. */
    static TestEvent ofSize(String key, int bytes) {
        String id = "evt_" + UUID.randomUUID();
        String payload = "{\"type\":\"event\",\"event_type\":\"api_key.updated\",\"event_id\":\"" + id
                + "\",\"padding\":\"" + "x".repeat(bytes) + "\"}";
        return new TestEvent(key, "api_key.updated", id, payload);
    }

    static String newKey() {
        return "key_" + UUID.randomUUID();
    }

    Uni<Void> appendTo(Outbox outbox) {
        return outbox.append(TOPIC, key, type, id, payload);
    }
}
