package dev.agentmail.local.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * An issuer of internal tokens for tests: it serves OpenID discovery and a JWKS on a free loopback port and signs
 * RS256 tokens with the claim set of docs/internal-token.md, so a service's tests call it as the gateway will.
 */
public final class TestIssuer implements AutoCloseable {

    /** The audience every internal token carries and every service requires. */
    public static final String AUDIENCE = "agentmail-services";

    private static final Duration VALIDITY = Duration.ofMinutes(5);

    private final RsaJsonWebKey key;
    private final HttpServer server;
    private final String url;

    private TestIssuer(RsaJsonWebKey key, HttpServer server) {
        this.key = key;
        this.server = server;
        this.url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static TestIssuer start() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(UUID.randomUUID().toString());
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestIssuer issuer = new TestIssuer(key, server);
            server.createContext("/.well-known/openid-configuration", exchange -> issuer.discovery(exchange));
            server.createContext("/jwks", exchange -> issuer.jwks(exchange));
            server.start();
            return issuer;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the test issuer", e);
        }
    }

    /** The issuer URL: the {@code iss} claim and what {@code quarkus.oidc.auth-server-url} points at. */
    public String url() {
        return url;
    }

    /** A token for {@code claims}, valid for the usual few minutes. */
    public String sign(InternalTokenClaims claims) {
        return sign(claims, VALIDITY);
    }

    /** A token valid for {@code validity} from now; a negative one gives a token that expired already. */
    public String sign(InternalTokenClaims claims, Duration validity) {
        JwtClaims jwt = new JwtClaims();
        jwt.setIssuer(url);
        jwt.setAudience(AUDIENCE);
        jwt.setSubject(claims.apiKeyId());
        jwt.setClaim("organization_id", claims.organizationId());
        jwt.setClaim("scope_type", claims.scopeType());
        if (claims.podId() != null) {
            jwt.setClaim("pod_id", claims.podId());
        }
        if (claims.inboxId() != null) {
            jwt.setClaim("inbox_id", claims.inboxId());
        }
        jwt.setStringListClaim("permissions", claims.permissions());
        jwt.setGeneratedJwtId();
        NumericDate now = NumericDate.now();
        jwt.setIssuedAt(now);
        NumericDate expiry = NumericDate.fromSeconds(now.getValue() + validity.toSeconds());
        jwt.setExpirationTime(expiry);
        return sign(jwt);
    }

    /**
     * An operator's token for auth-service's /admin routes, as their identity provider would sign it: valid for five
     * minutes, with {@code roles} in its {@code groups} claim (the operators' role is {@code agentmail-operator}).
     */
    public String operatorToken(String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(url());
        claims.setSubject("operator@agentmail.local");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", roles);
        return sign(claims);
    }

    /**
     * A token carrying exactly {@code claims} (the caller sets {@code iss}, {@code exp} and the rest), for callers
     * that are not API keys.
     */
    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        reply(exchange, "{\"issuer\":\"" + url + "\",\"jwks_uri\":\"" + url + "/jwks\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
    }

    private void jwks(HttpExchange exchange) throws IOException {
        reply(exchange, new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
