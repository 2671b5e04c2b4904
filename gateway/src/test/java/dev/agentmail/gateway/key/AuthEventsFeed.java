package dev.agentmail.gateway.key;

import static dev.agentmail.gateway.Gateway.as;
import static org.awaitility.Awaitility.await;

import dev.agentmail.gateway.TestUpstream;
import dev.agentmail.local.testing.TopicRecords;
import java.time.Duration;
import java.util.UUID;

/** auth.events as auth-service writes them (docs/events.md), and a wait until the gateway is listening. */
final class AuthEventsFeed {

    private AuthEventsFeed() {
    }

    static void publish(String bootstrapServers, String eventType, String apiKeyId) {
        TopicRecords.write(bootstrapServers, "auth.events", apiKeyId, """
                {"type":"event","event_type":"%s","event_id":"evt_%s","organization_id":"org_feed",
                 "api_key":{"type":"bearer","api_key_id":"%s","prefix":"am_feed","name":"feed",
                 "created_at":"2026-11-25T15:02:11Z","updated_at":"2026-11-25T15:02:11Z"}}"""
                .formatted(eventType, UUID.randomUUID(), apiKeyId));
    }

    /**
     * Until the feed's partitions are assigned the gateway remembers no key; once they are, a second request with
     * {@code apiKey} is answered from the cache. Waits for that.
     */
    static void awaitRemembered(TestUpstream upstream, String apiKey, String path) {
        await("the gateway remembering a verified key").atMost(Duration.ofMinutes(1)).until(() -> {
            as(apiKey).get(path).then().statusCode(200);
            int before = upstream.verificationsOf(apiKey);
            as(apiKey).get(path).then().statusCode(200);
            return upstream.verificationsOf(apiKey) == before;
        });
    }
}
