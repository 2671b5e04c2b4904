package dev.agentmail.auth.apikey;

import dev.agentmail.runtime.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The key lifecycle events on {@code auth.events}, keyed by api_key_id (docs/events.md). They go through the
 * outbox inside the caller's transaction: the change and its event commit together or not at all.
 */
@ApplicationScoped
public class ApiKeyEvents {

    static final String TOPIC = "auth.events";

    /** The record value: AgentMail's event envelope around the key as {@code BearerApiKey} shows it. */
    record ApiKeyEvent(String type, String eventType, String eventId, String organizationId, ApiKeyJson.Key apiKey) {
    }

    private final Outbox outbox;

    ApiKeyEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> created(ApiKey key) {
        return append("api_key.created", key);
    }

    public Uni<Void> updated(ApiKey key) {
        return append("api_key.updated", key);
    }

    public Uni<Void> revoked(ApiKey key) {
        return append("api_key.revoked", key);
    }

    private Uni<Void> append(String eventType, ApiKey key) {
        String eventId = "evt_" + UUID.randomUUID();
        ApiKeyEvent event = new ApiKeyEvent("event", eventType, eventId, key.organizationId, ApiKeyJson.Key.of(key));
        // Writing the key's row first takes its row lock, so concurrent changes of one key queue here and
        // their events get ids, and so a publishing order, in the order the changes commit.
        return Panache.flush().chain(() -> outbox.appendJson(TOPIC, key.id, eventType, eventId, event));
    }
}
