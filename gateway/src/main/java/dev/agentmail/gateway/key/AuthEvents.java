package dev.agentmail.gateway.key;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code auth.events} (docs/events.md) and evicts a key the moment it is changed or revoked. Every replica
 * must see every event, so each reads with a consumer group of its own, from the end of the topic (the channel's
 * settings in application.properties say why). It is also the feed's rebalance listener: the cache may only
 * trust what it verified while the feed was assigned its partitions.
 */
@ApplicationScoped
@Identifier("auth-events-feed")
public class AuthEvents implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(AuthEvents.class);

    private final Evictions evictions;

    AuthEvents(Evictions evictions) {
        this.evictions = evictions;
    }

    /** A tolerant reader: it needs only the event type and the key's id, and skips what it cannot read. */
    @Incoming("auth-events")
    public void onEvent(String value) {
        JsonObject event;
        try {
            event = new JsonObject(value);
        } catch (DecodeException | NullPointerException e) {
            LOG.warnf("skipping an auth.events record that is not a JSON object");
            return;
        }
        String type = event.getString("event_type", "");
        JsonObject apiKey = event.getJsonObject("api_key");
        String apiKeyId = apiKey == null ? null : apiKey.getString("api_key_id");
        if (apiKeyId != null && (type.equals("api_key.revoked") || type.equals("api_key.updated"))) {
            evictions.evict(apiKeyId);
        }
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        // Resolve "latest" to a position now, so every event written from here on is read.
        partitions.forEach(consumer::position);
        evictions.feedLive();
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            evictions.feedLost();
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        evictions.feedLost();
    }
}
