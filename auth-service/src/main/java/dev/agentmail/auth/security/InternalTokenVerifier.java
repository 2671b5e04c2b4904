package dev.agentmail.auth.security;

import dev.agentmail.auth.token.InternalTokens;
import dev.agentmail.auth.token.IssuerConfig;
import dev.agentmail.auth.token.SigningKeys;
import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.security.Principal;
import dev.agentmail.runtime.security.ScopeType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * Checks an internal token against this service's own published keys, in memory: auth-service is the issuer, so
 * fetching its discovery document over HTTP would be asking itself. Any failure is a 401, the reason only logged.
 */
@ApplicationScoped
public class InternalTokenVerifier {

    private static final Logger LOG = Logger.getLogger(InternalTokenVerifier.class);

    private final SigningKeys signingKeys;
    private final IssuerConfig config;

    InternalTokenVerifier(SigningKeys signingKeys, IssuerConfig config) {
        this.signingKeys = signingKeys;
        this.config = config;
    }

    /** The principal the token names, or a failure with {@link ApiException#unauthorized()}. */
    public Uni<Principal> verify(String token) {
        String kid;
        try {
            kid = JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
        } catch (JoseException e) {
            return rejected("not a compact JWS");
        }
        if (kid == null) {
            return rejected("no kid in its header");
        }
        // An RSA verification is tens of microseconds (signing is the costly side): fine on the event loop.
        return signingKeys.verificationKey(kid).flatMap(key -> key.isPresent()
                ? check(token, key.get())
                : rejected("signed by a key that is not published"));
    }

    private Uni<Principal> check(String token, PublicKey key) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(config.issuer())
                .setExpectedAudience(InternalTokens.AUDIENCE)
                .setRequireSubject()
                .setRequireIssuedAt()
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .build();
        try {
            return Uni.createFrom().item(principal(consumer.processToClaims(token)));
        } catch (InvalidJwtException e) {
            return rejected(e.getErrorDetails().stream().map(ErrorCodeValidator.Error::getErrorMessage).toList().toString());
        } catch (MalformedClaimException | IllegalArgumentException e) {
            return rejected("claims not of the internal token's shape: " + e.getMessage());
        }
    }

    /** The claims of docs/internal-token.md back into the principal they were issued for. */
    private static Principal principal(JwtClaims claims) throws MalformedClaimException {
        String scopeName = required(claims, "scope_type");
        ScopeType scope = ScopeType.fromWireName(scopeName)
                .orElseThrow(() -> new IllegalArgumentException("unknown scope_type " + scopeName));
        String podId = scope == ScopeType.ORGANIZATION ? null : required(claims, "pod_id");
        String inboxId = scope == ScopeType.INBOX ? required(claims, "inbox_id") : null;
        List<String> permissions = claims.getStringListClaimValue("permissions");
        if (permissions == null) {
            throw new IllegalArgumentException("permissions missing");
        }
        return new Principal(claims.getSubject(), required(claims, "organization_id"), scope, podId, inboxId,
                new HashSet<>(permissions));
    }

    private static String required(JwtClaims claims, String name) throws MalformedClaimException {
        String value = claims.getStringClaimValue(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " missing");
        }
        return value;
    }

    private static <T> Uni<T> rejected(String reason) {
        LOG.debugf("internal token rejected: %s", reason);
        return Uni.createFrom().failure(ApiException.unauthorized());
    }
}
