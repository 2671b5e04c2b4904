package dev.agentmail.gateway.key;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Verdicts about keys, remembered by the key's hash: bounded in number, each forgotten before its internal token
 * expires (or sooner, at max-age), refusals after a few seconds. Concurrent first requests with one key share one
 * call to auth-service. A remembered verdict is used only while {@link Evictions} says it is current; otherwise,
 * and on a miss, auth-service is asked again and its fresh answer is used. The caches of the gateway do their
 * housekeeping on the request's thread ({@code executor(Runnable::run)}): handing it to another pool costs a thread
 * wake-up, dearer than the work itself.
 */
@ApplicationScoped
public class KeyCache {

    private final AsyncCache<String, KeyVerdict> verdicts;
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
    }

    public CompletionStage<KeyVerdict> verdict(String apiKey) {
        String hash = KeyHash.of(apiKey);
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

    /** A failed call (auth-service unavailable) is not remembered: Caffeine drops failed futures. */
    private CompletableFuture<KeyVerdict> ask(String hash, String apiKey) {
        return verdicts.get(hash, (ignored, executor) -> verifier.verify(apiKey));
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
            return config.rejectedFor().toNanos();
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
