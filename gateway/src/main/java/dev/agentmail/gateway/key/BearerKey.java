package dev.agentmail.gateway.key;

import java.util.Optional;

/**
 * The API key in an {@code Authorization: Bearer am_...} header. Anything else is malformed and refused without
 * asking auth-service: keys are {@code am_} plus visible ASCII, far shorter than the cap here.
 */
public final class BearerKey {

    private static final String BEARER = "Bearer ";
    private static final int MAX_LENGTH = 512;

    private BearerKey() {
    }

    /** The key, or empty when the header is absent or not a bearer API key. */
    public static Optional<String> from(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String key = authorization.substring(BEARER.length()).trim();
        if (!key.startsWith("am_") || key.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c > '~') {
                return Optional.empty();
            }
        }
        return Optional.of(key);
    }
}
