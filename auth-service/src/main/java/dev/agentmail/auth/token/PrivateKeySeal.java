package dev.agentmail.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a signing key's private part for the {@code signing_keys} table with AES-256-GCM under the operators'
 * secret ({@code agentmail.auth.signing-keys.secret}), so that a copy of the database (a backup, a replica, a
 * leaked dump) is not enough to sign tokens. The row's kid is bound in as associated data: a sealed key moved to
 * another row does not open. Sealed text is {@value #PREFIX} and the base64 of the 12-byte nonce and the ciphertext.
 */
final class PrivateKeySeal {

    static final String PREFIX = "sealed:v1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param secret a random secret of at least 32 characters; its SHA-256 is the AES key */
    PrivateKeySeal(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("agentmail.auth.signing-keys.secret "
                    + "(AGENTMAIL_AUTH_SIGNING_KEYS_SECRET) must be a random secret of at least 32 characters");
        }
        try {
            this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    String seal(String kid, String privateKeyPkcs8) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, kid, nonce)
                    .doFinal(privateKeyPkcs8.getBytes(StandardCharsets.US_ASCII));
            byte[] stored = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java seals with AES-GCM", e);
        }
    }

    /** The PKCS#8 base64 of a sealed key; empty when this secret is not the one it was sealed with, for this kid. */
    Optional<String> tryOpen(String kid, String stored) {
        byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            return Optional.of(new String(cipher(Cipher.DECRYPT_MODE, kid, Arrays.copyOf(bytes, NONCE_BYTES))
                    .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.US_ASCII));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java opens with AES-GCM", e);
        }
    }

    private Cipher cipher(int mode, String kid, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
