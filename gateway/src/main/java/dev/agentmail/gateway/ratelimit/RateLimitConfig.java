package dev.agentmail.gateway.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.util.Map;

/**
 * Every API key gets a token bucket: {@code capacity} requests at once, refilled at {@code per-second}. The
 * default applies to every organization without a line of its own under {@code organizations."<organization_id>"}.
 * All of one organization's keys together draw from a bucket of {@code all-keys}. Every figure is for the whole
 * deployment: each of the {@code replicas} gateways admits its share.
 */
@ConfigMapping(prefix = "agentmail.gateway.rate-limit")
public interface RateLimitConfig {

    @WithParentName
    Limit defaults();

    Map<String, Limit> organizations();

    /** What all keys of one organization may send together. */
    Limit allKeys();

    /** How many gateway replicas share the limits, the load balancer spreading each key's requests over them. */
    @WithDefault("1")
    int replicas();

    /** Refused keys per client address (RejectedKeyThrottle). */
    RejectedKeys rejectedKeys();

    interface Limit {

        /** The burst a key may send at once. */
        @WithDefault("200")
        long capacity();

        /** The sustained rate: requests per second, refilled continuously. */
        @WithDefault("100")
        long perSecond();
    }

    interface RejectedKeys {

        /** How many refused keys an address may send at once before unknown keys from it are refused unasked. */
        @WithDefault("20")
        long capacity();

        /** How many more it may send per minute after that. */
        @WithDefault("30")
        long perMinute();
    }
}
