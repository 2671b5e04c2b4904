package dev.agentmail.gateway.key;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long and how many verified keys the gateway remembers (application.properties explains each key). */
@ConfigMapping(prefix = "agentmail.gateway.keys")
public interface KeysConfig {

    Cache cache();

    interface Cache {

        /** The most keys remembered at once; the least useful are dropped first. */
        @WithDefault("100000")
        long maxEntries();

        /** A verified key is forgotten this long before its internal token expires. */
        @WithDefault("30s")
        Duration tokenMargin();

        /** A verified key is forgotten after this long at most, whatever its token's expiry. */
        @WithDefault("4m")
        Duration maxAge();

        /** How long a key that auth-service refused is refused without asking again. */
        @WithDefault("5s")
        Duration rejectedFor();
    }
}
