package dev.agentmail.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.agentmail.runtime.security.Principal;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Rate limits with Bucket4j's token buckets: one per API key, sized by the key's organization, and one that all of an
 * organization's keys draw from together, so that minting more keys does not buy more of the suite. Buckets live in
 * this replica's memory; the configured limits are for the whole deployment, and each of the {@code replicas}
 * gateways behind the load balancer admits its share of them. A key or organization idle for a while loses its
 * bucket and starts again with a full one.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Duration IDLE = Duration.ofMinutes(10);
    private static final long MAX_BUCKETS = 100_000;

    private final RateLimitConfig config;
    private final Cache<String, Bucket> keyBuckets = newCache();
    private final Cache<String, Bucket> organizationBuckets = newCache();

    RateLimiter(RateLimitConfig config) {
        if (config.replicas() < 1) {
            throw new IllegalArgumentException("agentmail.gateway.rate-limit.replicas is " + config.replicas()
                    + "; it counts the gateways that share the limits, at least 1.");
        }
        this.config = config;
    }

    /** Takes one request from the key's and its organization's buckets; empty when it may go on, else the wait. */
    public Optional<Duration> admit(Principal caller) {
        Bucket key = keyBuckets.get(caller.apiKeyId(), ignored -> share(config.organizations()
                .getOrDefault(caller.organizationId(), config.defaults())));
        ConsumptionProbe byKey = key.tryConsumeAndReturnRemaining(1);
        if (!byKey.isConsumed()) {
            return Optional.of(Duration.ofNanos(byKey.getNanosToWaitForRefill()));
        }
        Bucket organization = organizationBuckets.get(caller.organizationId(), ignored -> share(config.allKeys()));
        ConsumptionProbe byOrganization = organization.tryConsumeAndReturnRemaining(1);
        if (!byOrganization.isConsumed()) {
            key.addTokens(1); // the request was not admitted: it costs the key nothing
            return Optional.of(Duration.ofNanos(byOrganization.getNanosToWaitForRefill()));
        }
        return Optional.empty();
    }

    /** This replica's share of a deployment-wide limit: the burst divided, and the refill spread over longer. */
    private Bucket share(RateLimitConfig.Limit limit) {
        int replicas = config.replicas();
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(Math.max(1, limit.capacity() / replicas))
                        .refillGreedy(limit.perSecond(), Duration.ofSeconds(replicas))
                        .build())
                .build();
    }

    private static Cache<String, Bucket> newCache() {
        return Caffeine.newBuilder().maximumSize(MAX_BUCKETS).expireAfterAccess(IDLE).executor(Runnable::run).build();
    }
}
