package dev.agentmail.auth.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jwk.Use;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** An RSA key pair that signs internal tokens with RS256; its kid is the JWK thumbprint of its public key. */
public final class SigningKey {

    private static final int BITS = 2048;

    private final RsaJsonWebKey jwk;

    private SigningKey(RsaJsonWebKey jwk) {
        this.jwk = jwk;
    }

    /** A new key pair. Seconds of CPU on a slow machine: call it off the event loop. */
    static SigningKey generate() {
        try {
            RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(BITS);
            jwk.setUse(Use.SIGNATURE);
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            return new SigningKey(jwk);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }

    /** The key as {@link SigningKeyStore} keeps it: the public JWK and the PKCS#8 private key in base64. */
    static SigningKey fromStored(String publicJwk, String privateKeyPkcs8) {
        try {
            RsaJsonWebKey jwk = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(publicJwk);
            PrivateKey privateKey = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKeyPkcs8)));
            jwk.setPrivateKey(privateKey);
            return new SigningKey(jwk);
        } catch (JoseException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("a stored signing key is unreadable", e);
        }
    }

    public String kid() {
        return jwk.getKeyId();
    }

    /** The compact RS256 JWS of {@code claims}, with this key's kid in its header. CPU work: off the event loop. */
    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(jwk.getPrivateKey());
        jws.setKeyIdHeaderValue(kid());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign with key " + kid(), e);
        }
    }

    String publicJwk() {
        return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    String privateKeyPkcs8() {
        return Base64.getEncoder().encodeToString(jwk.getPrivateKey().getEncoded());
    }
}
