package dev.agentmail.auth.token;

import java.time.Instant;

/**
 * An internal token and when it expires, so a holder (the gateway's cache) can stop using it in time.
 *
 * @param token the compact RS256 JWT
 * @param expiresAt its {@code exp}
 */
public record IssuedToken(String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[expiresAt=" + expiresAt + "]";
    }
}
