package dev.agentmail.gateway.key;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Verdicts about keys, remembered by the key's hash: bounded in number, each forgotten before its internal token
 * expires (or sooner, at max-age), refusals after a few seconds. Refusals are kept apart, in a smaller cache of
 * their own, so that a flood of made-up keys cannot push the verified ones out. Concurrent first requests with one
 * key share one call to auth-service. A remembered verdict is used only while {@link Evictions} says it is current;
 * otherwise, and on a miss, auth-service is asked again and its fresh answer is used. The caches of the gateway do
 * their housekeeping on the request's thread ({@code executor(Runnable::run)}): handing it to another pool costs a
 * thread wake-up, dearer than the work itself.
 */
@ApplicationScoped
public class KeyCache {

    /** The most refusals remembered at once: enough for every misconfigured agent, not for a flood. */
    private static final long MAX_REJECTED = 10_000;

    private final AsyncCache<String, KeyVerdict> verdicts;
    private final Cache<String, KeyVerdict> rejected;
    private final KeyVerifier verifier;
    private final Evictions evictions;

    KeyCache(KeyVerifier verifier, Evictions evictions, KeysConfig config) {
        this.verifier = verifier;
        this.evictions = evictions;
        this.verdicts = Caffeine.newBuilder()
                .maximumSize(config.cache().maxEntries())
                .expireAfter(new VerdictExpiry(config.cache()))
                .executor(Runnable::run)
                .buildAsync();
        this.rejected = Caffeine.newBuilder()
                .maximumSize(MAX_REJECTED)
                .expireAfterWrite(config.cache().rejectedFor())
                .executor(Runnable::run)
                .build();
    }

    /** Whether a verdict on this key is remembered and current: {@link #verdict} answers it without auth-service. */
    public boolean remembers(String apiKey) {
        String hash = KeyHash.of(apiKey);
        if (rejected.getIfPresent(hash) != null) {
            return true;
        }
        CompletableFuture<KeyVerdict> remembered = verdicts.getIfPresent(hash);
        return remembered != null && remembered.isDone() && !remembered.isCompletedExceptionally()
                && remembered.join() instanceof KeyVerdict.Verified verified && evictions.isCurrent(verified);
    }

    public CompletionStage<KeyVerdict> verdict(String apiKey) {
        String hash = KeyHash.of(apiKey);
        KeyVerdict refused = rejected.getIfPresent(hash);
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        CompletableFuture<KeyVerdict> remembered = verdicts.getIfPresent(hash);
        if (remembered == null) {
            return ask(hash, apiKey);
        }
        return remembered.thenCompose(verdict -> {
            if (verdict instanceof KeyVerdict.Verified verified && !evictions.isCurrent(verified)) {
                verdicts.asMap().remove(hash, remembered);
                return ask(hash, apiKey);
            }
            return CompletableFuture.completedFuture(verdict);
        });
    }

    /**
     * A failed call (auth-service unavailable) is not remembered: Caffeine drops failed futures. A refusal moves to
     * the cache of refusals.
     */
    private CompletableFuture<KeyVerdict> ask(String hash, String apiKey) {
        return verdicts.get(hash, (ignored, executor) -> verifier.verify(apiKey)).thenApply(verdict -> {
            if (verdict instanceof KeyVerdict.Rejected) {
                rejected.put(hash, verdict);
            }
            return verdict;
        });
    }

    /** How long each verdict is remembered, decided when auth-service's answer arrives. */
    private record VerdictExpiry(KeysConfig.Cache config) implements Expiry<String, KeyVerdict> {

        @Override
        public long expireAfterCreate(String hash, KeyVerdict verdict, long currentTime) {
            if (verdict instanceof KeyVerdict.Verified verified) {
                Duration untilMargin = Duration.between(Instant.now(), verified.expiresAt().minus(config.tokenMargin()));
                Duration lifetime = untilMargin.compareTo(config.maxAge()) < 0 ? untilMargin : config.maxAge();
                return Math.max(0, lifetime.toNanos());
            }
            // Kept in the cache of refusals instead (ask): gone from this one as soon as it arrives.
            return 0;
        }

        @Override
        public long expireAfterUpdate(String hash, KeyVerdict verdict, long currentTime, long currentDuration) {
            return expireAfterCreate(hash, verdict, currentTime);
        }

        @Override
        public long expireAfterRead(String hash, KeyVerdict verdict, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
