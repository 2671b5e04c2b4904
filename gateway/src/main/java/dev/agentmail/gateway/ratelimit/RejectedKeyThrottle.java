package dev.agentmail.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Keys that auth-service refused, counted per client address in a token bucket: once an address has spent its
 * bucket, a key the gateway does not already know is refused (429) without asking auth-service. A flood of made-up
 * {@code am_...} keys would otherwise cost a database lookup each. A key the gateway remembers is answered from
 * memory and neither counted nor throttled: a verified one passes, so the agents behind a shared address (a NAT, a
 * proxy) keep working while one of them guesses, and one refused a moment ago is 401 again.
 */
@ApplicationScoped
public class RejectedKeyThrottle {

    private static final Duration IDLE = Duration.ofMinutes(10);
    private static final long MAX_ADDRESSES = 100_000;

    private final RateLimitConfig.RejectedKeys config;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_ADDRESSES).expireAfterAccess(IDLE).executor(Runnable::run).build();

    RejectedKeyThrottle(RateLimitConfig config) {
        this.config = config.rejectedKeys();
    }

    /** Whether this address has spent its refusals: a key not verified before is not to be asked about now. */
    public boolean spent(String address) {
        Bucket bucket = buckets.getIfPresent(address);
        return bucket != null && bucket.getAvailableTokens() <= 0;
    }

    /** Counts one key refused for this address. */
    public void refused(String address) {
        buckets.get(address, ignored -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(config.capacity())
                        .refillGreedy(config.perMinute(), Duration.ofMinutes(1))
                        .build())
                .build()).tryConsume(1);
    }
}
