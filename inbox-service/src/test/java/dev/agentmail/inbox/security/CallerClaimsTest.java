package dev.agentmail.inbox.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** A token that quarkus-oidc accepts but that does not describe an API key reaches nothing. */
@QuarkusTest
class CallerClaimsTest {

    @InjectTestIssuer
    TestIssuer issuer;

    @Test
    void tokenWithAnUnknownScopeTypeIsUnauthorized() {
        JwtClaims claims = validClaims();
        claims.setClaim("organization_id", "org_x");
        claims.setClaim("scope_type", "galaxy");

        given().auth().oauth2(issuer.sign(claims)).get("/v0/inboxes")
                .then().statusCode(401).body("name", equalTo("UnauthorizedError"));
    }

    @Test
    void tokenWithoutAnOrganizationIsUnauthorized() {
        JwtClaims claims = validClaims();
        claims.setClaim("scope_type", "organization");

        given().auth().oauth2(issuer.sign(claims)).get("/v0/pods").then().statusCode(401);
    }

    private JwtClaims validClaims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer.url());
        claims.setAudience(TestIssuer.AUDIENCE);
        claims.setSubject("key_odd");
        claims.setStringListClaim("permissions", List.of("inbox_read", "pod_read"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setGeneratedJwtId();
        return claims;
    }
}
