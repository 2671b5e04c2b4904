package dev.agentmail.auth.token;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The signing keys as one load from the database saw them: the key that signs and the public keys that are published.
 *
 * @param active    null only when the table holds no active key (before the first start created one)
 * @param published by kid, newest first
 * @param loadedAt  when the load began, so an older load never replaces a newer one
 */
record KeyRing(SigningKey active, Map<String, PublicJsonWebKey> published, Instant loadedAt) {

    static KeyRing of(List<StoredKey> rows, Instant loadedAt) {
        SigningKey active = null;
        Map<String, PublicJsonWebKey> published = new LinkedHashMap<>();
        for (StoredKey row : rows) {
            if (row.active()) {
                active = SigningKey.fromStored(row.publicJwk(), row.privateKey());
            }
            try {
                published.put(row.kid(), PublicJsonWebKey.Factory.newPublicJwk(row.publicJwk()));
            } catch (JoseException e) {
                throw new IllegalStateException("the published key " + row.kid() + " is not a JWK", e);
            }
        }
        return new KeyRing(active, Collections.unmodifiableMap(published), loadedAt);
    }

    Optional<PublicKey> verificationKey(String kid) {
        return Optional.ofNullable(published.get(kid)).map(PublicJsonWebKey::getPublicKey);
    }

    /** The JWKS document of the published keys: public parts only. */
    String jwks() {
        return new JsonWebKeySet(new ArrayList<JsonWebKey>(published.values()))
                .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
