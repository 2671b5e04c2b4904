package dev.agentmail.runtime.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The settings of every producer of the runtime that must not lose or repeat what it writes (the outbox's, the
 * dead letters'): string keys and values, a record is acknowledged once it is on every in-sync replica, and the
 * producer's own retries neither duplicate nor reorder. While the broker is away a call fails after a few seconds
 * instead of hanging: what was to be written waits in the database for the next try.
 */
public final class DurableProducerSettings {

    private DurableProducerSettings() {
    }

    /** @param kafka the service's Kafka client settings ({@code kafka.*}: bootstrap servers, security) */
    public static Map<String, Object> of(Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        return settings;
    }
}
