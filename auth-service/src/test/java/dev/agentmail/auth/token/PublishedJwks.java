package dev.agentmail.auth.token;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/** What a verifier elsewhere sees: our discovery document and the JWKS it points to, fetched over HTTP. */
final class PublishedJwks {

    private PublishedJwks() {
    }

    static JsonWebKeySet fetch() {
        String jwksUri = given().get("/.well-known/openid-configuration").then().statusCode(200)
                .extract().path("jwks_uri");
        // jwks_uri is built on the configured issuer URL, not this test run's random port: same path, this server.
        String json = given().get(URI.create(jwksUri).getPath()).then().statusCode(200)
                .contentType("application/json")
                .extract().asString();
        try {
            return new JsonWebKeySet(json);
        } catch (JoseException e) {
            throw new AssertionError("the JWKS does not parse: " + json, e);
        }
    }

    static Set<String> kids() {
        return fetch().getJsonWebKeys().stream().map(JsonWebKey::getKeyId).collect(Collectors.toSet());
    }

    /** The token's claims, verified as a service would: signature by a published key, issuer, audience, expiry. */
    static JwtClaims verify(String token) throws InvalidJwtException {
        String issuer = given().get("/.well-known/openid-configuration").then().extract().path("issuer");
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(fetch().getJsonWebKeys()))
                .setExpectedIssuer(issuer)
                .setExpectedAudience(InternalTokens.AUDIENCE)
                .setRequireExpirationTime()
                .build()
                .processToClaims(token);
    }
}
