package dev.agentmail.auth.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.agentmail.auth.security.Principals;
import dev.agentmail.runtime.security.Principal;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;

/** An internal token verifies against what discovery publishes and carries exactly the claims of docs/internal-token.md. */
@QuarkusTest
class InternalTokensTest {

    private static final Set<String> ALWAYS =
            Set.of("iss", "aud", "sub", "organization_id", "scope_type", "permissions", "iat", "exp", "jti");

    @Inject
    InternalTokens internalTokens;

    @Inject
    IssuerConfig config;

    @ConfigProperty(name = "agentmail.auth.issuer")
    String issuer;

    @Test
    void discoveryNamesTheIssuerAndItsJwks() {
        given().get("/.well-known/openid-configuration").then()
                .statusCode(200)
                .contentType("application/json")
                .body("issuer", is(issuer))
                .body("jwks_uri", is(issuer + "/jwks"))
                .body("id_token_signing_alg_values_supported", contains("RS256"));
    }

    @Test
    void theJwksHoldsPublicRsaKeysOnly() {
        for (JsonWebKey key : PublishedJwks.fetch().getJsonWebKeys()) {
            assertEquals("RSA", key.getKeyType());
            assertEquals("RS256", key.getAlgorithm());
            assertEquals("sig", key.getUse());
            assertNull(((PublicJsonWebKey) key).getPrivateKey(), key.getKeyId());
        }
    }

    @Test
    void organizationTokenCarriesExactlyTheDocumentedClaims() throws InvalidJwtException {
        Principal key = Principals.organizationKey("message_send", "inbox_read");
        JwtClaims claims = PublishedJwks.verify(issue(key).token());

        assertEquals(ALWAYS, claims.getClaimsMap().keySet());
        assertCommonClaims(key, claims);
        assertEquals("organization", claims.getClaimValue("scope_type"));
    }

    @Test
    void podTokenAlsoCarriesItsPod() throws InvalidJwtException {
        Principal key = Principals.podKey("inbox_read");
        JwtClaims claims = PublishedJwks.verify(issue(key).token());

        assertEquals(union(ALWAYS, "pod_id"), claims.getClaimsMap().keySet());
        assertCommonClaims(key, claims);
        assertEquals("pod", claims.getClaimValue("scope_type"));
        assertEquals(key.podId(), claims.getClaimValue("pod_id"));
    }

    @Test
    void inboxTokenAlsoCarriesItsPodAndInbox() throws InvalidJwtException {
        Principal key = Principals.inboxKey("message_read");
        JwtClaims claims = PublishedJwks.verify(issue(key).token());

        assertEquals(union(ALWAYS, "pod_id", "inbox_id"), claims.getClaimsMap().keySet());
        assertCommonClaims(key, claims);
        assertEquals("inbox", claims.getClaimValue("scope_type"));
        assertEquals(key.podId(), claims.getClaimValue("pod_id"));
        assertEquals(key.inboxId(), claims.getClaimValue("inbox_id"));
    }

    @Test
    void aKeyWithoutPermissionsCarriesAnEmptyList() throws InvalidJwtException {
        JwtClaims claims = PublishedJwks.verify(issue(Principals.inboxKey()).token());
        assertEquals(List.of(), claims.getClaimValue("permissions"));
    }

    @Test
    void tokenExpiresOneConfiguredLifetimeAfterItsIssue() throws Exception {
        IssuedToken issued = issue(Principals.organizationKey());
        JwtClaims claims = PublishedJwks.verify(issued.token());

        assertEquals(config.tokenLifetime().toSeconds(), claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertEquals(Instant.ofEpochSecond(claims.getExpirationTime().getValue()), issued.expiresAt());
    }

    @Test
    void everyTokenHasItsOwnId() throws Exception {
        Principal key = Principals.organizationKey();
        assertNotEquals(PublishedJwks.verify(issue(key).token()).getJwtId(),
                PublishedJwks.verify(issue(key).token()).getJwtId());
    }

    private IssuedToken issue(Principal principal) {
        return internalTokens.issue(principal).await().indefinitely();
    }

    private void assertCommonClaims(Principal key, JwtClaims claims) {
        assertEquals(issuer, claims.getClaimValue("iss"));
        // A single string, as docs/internal-token.md shows, not a one-element array.
        assertEquals(InternalTokens.AUDIENCE, claims.getClaimValue("aud"));
        assertEquals(key.apiKeyId(), claims.getClaimValue("sub"));
        assertEquals(key.organizationId(), claims.getClaimValue("organization_id"));
        assertEquals(key.permissions().stream().sorted().toList(), claims.getClaimValue("permissions"));
        assertInstanceOf(Long.class, claims.getClaimValue("iat"));
        assertInstanceOf(Long.class, claims.getClaimValue("exp"));
        assertInstanceOf(String.class, claims.getClaimValue("jti"));
    }

    private static Set<String> union(Set<String> claims, String... more) {
        return Stream.concat(claims.stream(), Stream.of(more)).collect(Collectors.toSet());
    }
}
