package dev.agentmail.auth.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How this service issues internal tokens and keeps the keys that sign them (application.properties explains each). */
@ConfigMapping(prefix = "agentmail.auth")
public interface IssuerConfig {

    /** The {@code iss} of every internal token, and the base URL of discovery and the JWKS. */
    String issuer();

    @WithDefault("5M")
    Duration tokenLifetime();

    /** Tolerated difference between the clocks of the replica that signed a token and the one that checks it. */
    @WithDefault("30S")
    Duration clockSkew();

    SigningKeysConfig signingKeys();

    interface SigningKeysConfig {

        /**
         * The operators' secret that seals the private keys in the database (PrivateKeySeal): random, at least 32
         * characters, the same on every replica, kept out of the database.
         */
        String secret();

        /**
         * The secret before {@link #secret()}, while it changes: keys sealed under it are sealed anew under the new
         * one as a replica starts, and open meanwhile. Drop it once every replica runs with the new secret.
         */
        Optional<String> previousSecret();

        /** How often a replica reloads the keys from the database, and so picks up another replica's rotation. */
        @WithDefault("30S")
        Duration refreshInterval();

        /** How long past the token lifetime a retired key stays published; at least the refresh interval. */
        @WithDefault("5M")
        Duration retirementMargin();

        /** At most one reload per this interval when a token names a key this replica does not know yet. */
        @WithDefault("1S")
        Duration unknownKidReloadInterval();
    }
}
