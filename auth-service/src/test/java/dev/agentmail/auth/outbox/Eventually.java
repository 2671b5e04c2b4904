package dev.agentmail.auth.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something the relay does on its own time, polling; the patience guards against hanging only. */
final class Eventually {

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(20);

    private Eventually() {
    }

    /** Waits until {@code probe} finds a value and returns it; fails naming {@code what} when none comes. */
    static <T> T value(String what, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            pause();
        }
        throw new AssertionError("gave up waiting for " + what);
    }

    /** Waits until {@code condition} holds; fails naming {@code what} when it does not. */
    static void holds(String what, BooleanSupplier condition) {
        value(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
