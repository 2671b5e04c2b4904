package dev.agentmail.gateway.key;

import dev.agentmail.runtime.security.Principal;
import java.time.Instant;

/** auth-service's answer about one key: who it is (with an internal token to forward), or that it is no key. */
public sealed interface KeyVerdict {

    /**
     * A valid key.
     *
     * @param token      the internal token to forward instead of the key, valid until {@code expiresAt}
     * @param verifiedAt {@link System#nanoTime()} when the question was asked: an eviction after this instant makes
     *                   the answer stale
     */
    record Verified(Principal principal, String token, Instant expiresAt, long verifiedAt) implements KeyVerdict {
    }

    /** Unknown, revoked or expired: auth-service does not say which, and neither does the gateway. */
    record Rejected() implements KeyVerdict {
    }
}
