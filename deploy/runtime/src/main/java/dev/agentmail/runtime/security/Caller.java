package dev.agentmail.runtime.security;

import dev.agentmail.runtime.error.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who the current request acts as. In the services quarkus-oidc has already verified the internal token (signature,
 * issuer, audience, expiry) for every /v0 route, and this reads its claims once per request. auth-service, which
 * issues the tokens, verifies them itself and hands the principal over with {@link #authenticatedAs}.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;
    private Principal principal;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The request's principal; a token without the claims of an API key's is answered 401. */
    public Principal principal() {
        if (principal == null) {
            principal = fromClaims();
        }
        return principal;
    }

    public void authenticatedAs(Principal verified) {
        this.principal = verified;
    }

    private Principal fromClaims() {
        String organizationId = token.getClaim("organization_id");
        ScopeType scopeType = ScopeType.fromWireName(token.getClaim("scope_type")).orElse(null);
        // A signed token without these claims is not one auth-service issues for an API key.
        if (token.getSubject() == null || organizationId == null || scopeType == null) {
            throw ApiException.unauthorized();
        }
        return new Principal(token.getSubject(), organizationId, scopeType,
                token.getClaim("pod_id"), token.getClaim("inbox_id"), permissions());
    }

    /** The claim is a JSON array; depending on how the token was parsed it arrives as JSON or as a collection. */
    private Set<String> permissions() {
        Object claim = token.getClaim("permissions");
        Set<String> names = new HashSet<>();
        if (claim instanceof JsonArray array) {
            array.getValuesAs(JsonString.class).forEach(name -> names.add(name.getString()));
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(name -> names.add(String.valueOf(name)));
        }
        return names;
    }
}
