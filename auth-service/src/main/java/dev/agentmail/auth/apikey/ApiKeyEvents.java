package dev.agentmail.auth.apikey;

import dev.agentmail.runtime.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The key lifecycle events on {@code auth.events}, keyed by api_key_id (docs/events.md): the key as
 * {@code BearerApiKey} shows it, in AgentMail's event envelope. They go through the outbox inside the caller's
 * transaction: the change and its event commit together or not at all.
 */
@ApplicationScoped
public class ApiKeyEvents {

    static final String TOPIC = "auth.events";

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
        return outbox.appendChange(TOPIC, key.id, eventType, key.organizationId, "api_key", ApiKeyJson.Key.of(key));
    }
}
