package dev.agentmail.auth.apikey;

import dev.agentmail.runtime.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An API key as the client holds it: {@code am_<prefix>_<secret>}, the secret 256 random bits. It exists in
 * memory only long enough to hash it or to show it once; only the SHA-256 of the whole key is stored, and
 * {@link #toString()} never prints the secret.
 */
public final class ApiKeySecret {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int PREFIX_LENGTH = 8;
    private static final int SECRET_BYTES = 32;
    /** Shorter keys cannot carry 256 bits of randomness, even from an operator's own generator. */
    private static final int MIN_LENGTH = 3 + 43;

    private final String value;
    /** Computed once: verification looks the key up by it and then compares it. */
    private final byte[] hash;

    private ApiKeySecret(String value) {
        this.value = value;
        this.hash = sha256(value);
    }

    public static ApiKeySecret generate() {
        StringBuilder prefix = new StringBuilder(PREFIX_LENGTH);
        for (int i = 0; i < PREFIX_LENGTH; i++) {
            prefix.append(PREFIX_ALPHABET[RANDOM.nextInt(PREFIX_ALPHABET.length)]);
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return new ApiKeySecret("am_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** A key presented by a client; no format check, since an unknown key simply matches no hash. */
    public static ApiKeySecret presented(String value) {
        return new ApiKeySecret(value);
    }

    /** A key an operator configured (the bootstrap key): it must look like ours and be long enough. */
    public static ApiKeySecret configured(String value) {
        if (!value.startsWith("am_") || value.length() < MIN_LENGTH) {
            throw ApiException.validation("a configured API key must start with am_ and be at least "
                    + MIN_LENGTH + " characters long");
        }
        return new ApiKeySecret(value);
    }

    /** The whole key; only for the one answer that shows it. */
    public String reveal() {
        return value;
    }

    /** The visible part, {@code am_<prefix>}, by which a person recognises a key. */
    public String prefix() {
        int end = value.indexOf('_', 3);
        return end > 0 ? value.substring(0, end) : value.substring(0, Math.min(value.length(), 3 + PREFIX_LENGTH));
    }

    public byte[] hash() {
        return hash.clone();
    }

    /** Constant time, so a near match takes as long to reject as a far one. */
    public boolean matches(byte[] storedHash) {
        return MessageDigest.isEqual(hash, storedHash);
    }

    @Override
    public String toString() {
        return prefix() + "_…";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
