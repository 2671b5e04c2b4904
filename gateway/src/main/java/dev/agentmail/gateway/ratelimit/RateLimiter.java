package dev.agentmail.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentmail.gateway.key.Principal;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Rate limits per API key with Bucket4j's token buckets, sized by the key's organization. Buckets live in this
 * replica's memory: with N replicas behind a load balancer a key gets up to N times the rate, which operators
 * account for when they set it. A key idle for a while loses its bucket and starts again with a full one.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Duration IDLE = Duration.ofMinutes(10);
    private static final long MAX_BUCKETS = 100_000;

    private final RateLimitConfig config;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_BUCKETS).expireAfterAccess(IDLE).executor(Runnable::run).build();

    RateLimiter(RateLimitConfig config) {
        this.config = config;
    }

    /** Takes one request from the key's bucket; empty when it may go on, else how long until it may retry. */
    public Optional<Duration> admit(Principal caller) {
        Bucket bucket = buckets.get(caller.apiKeyId(), ignored -> newBucket(caller.organizationId()));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket newBucket(String organizationId) {
        RateLimitConfig.Limit limit = config.organizations().getOrDefault(organizationId, config.defaults());
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.capacity())
                        .refillGreedy(limit.perSecond(), Duration.ofSeconds(1))
                        .build())
                .build();
    }
}
