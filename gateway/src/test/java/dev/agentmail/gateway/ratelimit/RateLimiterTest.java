package dev.agentmail.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.runtime.security.Principal;
import dev.agentmail.runtime.security.ScopeType;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the limiter shares its buckets: between an organization's keys, and between the gateway's replicas. */
class RateLimiterTest {

    @Test
    void anOrganizationsKeysTogetherGetNoMoreThanItsAllKeysLimit() {
        RateLimiter limiter = new RateLimiter(new Config(limit(5, 1), limit(12, 1), 1));
        int admitted = 0;
        for (int key = 0; key < 10; key++) {
            Principal caller = key("org_many_keys");
            for (int request = 0; request < 5; request++) {
                admitted += limiter.admit(caller).isEmpty() ? 1 : 0;
            }
        }
        assertEquals(12, admitted);
        assertTrue(limiter.admit(key("org_other")).isEmpty(), "another organization has a bucket of its own");
    }

    @Test
    void eachReplicaAdmitsItsShareOfTheDeploymentsLimits() {
        Principal caller = key("org_a");
        assertEquals(30, admittedInARow(new RateLimiter(new Config(limit(30, 1), limit(1000, 1), 1)), caller));
        assertEquals(10, admittedInARow(new RateLimiter(new Config(limit(30, 1), limit(1000, 1), 3)), caller));
        assertEquals(4, admittedInARow(new RateLimiter(new Config(limit(1000, 1), limit(12, 1), 3)), caller));
        assertEquals(1, admittedInARow(new RateLimiter(new Config(limit(2, 1), limit(1000, 1), 5)), caller),
                "a share is one request at least");
    }

    @Test
    void noReplicasIsAMistakeSaidAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(new Config(limit(1, 1), limit(1, 1), 0)));
    }

    private static int admittedInARow(RateLimiter limiter, Principal caller) {
        int admitted = 0;
        while (limiter.admit(caller).isEmpty()) {
            admitted++;
        }
        return admitted;
    }

    private static Principal key(String organizationId) {
        return new Principal("ak_" + UUID.randomUUID(), organizationId, ScopeType.ORGANIZATION, null, null, Set.of());
    }

    private static RateLimitConfig.Limit limit(long capacity, long perSecond) {
        return new RateLimitConfig.Limit() {
            @Override
            public long capacity() {
                return capacity;
            }

            @Override
            public long perSecond() {
                return perSecond;
            }
        };
    }

    /** The settings as application.properties would give them; the rejected-keys throttle is not the limiter's. */
    private record Config(Limit defaults, Limit allKeys, int replicas) implements RateLimitConfig {

        @Override
        public Map<String, Limit> organizations() {
            return Map.of();
        }

        @Override
        public RejectedKeys rejectedKeys() {
            throw new UnsupportedOperationException();
        }
    }
}
