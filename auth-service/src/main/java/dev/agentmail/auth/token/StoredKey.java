package dev.agentmail.auth.token;

/**
 * A published row of {@code signing_keys}.
 *
 * @param privateKey the PKCS#8 private key in base64, read for the active key only (null for a retired one)
 */
record StoredKey(String kid, String publicJwk, String privateKey) {

    boolean active() {
        return privateKey != null;
    }
}
