package dev.agentmail.gateway.key;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What decides whether a remembered verdict is still current: when each key was last changed or revoked (from
 * {@code auth.events}), and since when this replica has been receiving those events at all. A verdict obtained
 * before either is stale. Evicting is then O(1) whatever the size of the cache: the next request for that key
 * finds its entry stale and asks auth-service again.
 */
@ApplicationScoped
public class Evictions {

    private final Cache<String, Long> evictedAt;
    private volatile boolean live;
    private volatile long liveSince;

    Evictions(KeysConfig config) {
        // No verdict is remembered longer than max-age, so an eviction older than that concerns none.
        this.evictedAt = Caffeine.newBuilder().expireAfterWrite(config.cache().maxAge()).executor(Runnable::run).build();
    }

    /** {@code api_key.updated} or {@code .revoked}: every verdict about the key obtained before now is stale. */
    public void evict(String apiKeyId) {
        evictedAt.put(apiKeyId, System.nanoTime());
    }

    /**
     * The event feed reaches this replica from now on. Verdicts obtained earlier may have missed an eviction sent
     * while it was not listening, so they are stale.
     */
    public void feedLive() {
        liveSince = System.nanoTime();
        live = true;
    }

    /** The feed stopped (partitions revoked or lost): nothing can be remembered until it is back. */
    public void feedLost() {
        live = false;
    }

    public boolean isCurrent(KeyVerdict.Verified verdict) {
        if (!live || verdict.verifiedAt() - liveSince < 0) {
            return false;
        }
        Long evicted = evictedAt.getIfPresent(verdict.principal().apiKeyId());
        return evicted == null || verdict.verifiedAt() - evicted > 0;
    }
}
