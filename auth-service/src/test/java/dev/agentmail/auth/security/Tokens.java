package dev.agentmail.auth.security;

import dev.agentmail.auth.token.SigningKey;
import java.util.function.Consumer;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/** Looks inside tokens, and makes variants of a real internal token: one claim changed, or another key's signature. */
public final class Tokens {

    private Tokens() {
    }

    public static String kidOf(String token) {
        try {
            return JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a compact JWS", e);
        }
    }

    /** The claims, unverified: for a test that checks the signature apart or not at all. */
    public static JwtClaims claimsOf(String token) {
        try {
            return new JwtConsumerBuilder().setSkipAllValidators().setSkipSignatureVerification().build()
                    .processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    /** {@code token}'s claims after {@code change}, signed by {@code key}. */
    public static String resigned(String token, SigningKey key, Consumer<JwtClaims> change) {
        JwtClaims claims = claimsOf(token);
        change.accept(claims);
        return key.sign(claims);
    }
}
