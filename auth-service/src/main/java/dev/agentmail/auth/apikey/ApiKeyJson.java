package dev.agentmail.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The API keys' wire records, AgentMail's shapes (snake_case by the service's Jackson naming). */
public final class ApiKeyJson {

    private ApiKeyJson() {
    }

    /** {@code BearerApiKey}: a key as listed and read; never its secret. */
    public record Key(String type, String apiKeyId, String prefix, String name, String podId, String inboxId,
                      Instant usedAt, Map<String, Boolean> permissions, Instant createdAt, Instant updatedAt,
                      Instant expiresAt) {

        public static Key of(ApiKey key) {
            return new Key("bearer", key.id, key.prefix, key.name, key.podId, key.inboxId, key.usedAt,
                    key.whitelist().toWire().orElse(null), key.createdAt, key.updatedAt, key.expiresAt);
        }
    }

    /** {@code CreateApiKeyResponse}: the one answer that carries the secret. */
    public record Created(String apiKeyId, String apiKey, String prefix, String name, String podId, String inboxId,
                          Map<String, Boolean> permissions, Instant createdAt, Instant expiresAt) {

        static Created of(ApiKey key, ApiKeySecret secret) {
            return new Created(key.id, secret.reveal(), key.prefix, key.name, key.podId, key.inboxId,
                    key.whitelist().toWire().orElse(null), key.createdAt, key.expiresAt);
        }
    }

    /** {@code ListApiKeysResponse}. */
    public record Page(int count, String nextPageToken, List<Key> apiKeys) {
    }

    /**
     * {@code CreateBearerApiKeyRequest}, plus {@code expires_at}. A {@code public_key} asks for the other credential
     * family, which this server does not issue.
     */
    public record CreateRequest(String name, Map<String, Boolean> permissions, Instant expiresAt,
                                Object publicKey) {
    }
}
