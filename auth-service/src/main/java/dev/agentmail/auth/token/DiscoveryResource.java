package dev.agentmail.auth.token;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;

/**
 * OpenID discovery and the JWKS, at the service's root: the services' quarkus-oidc verifies internal tokens with
 * {@code auth-server-url} set to our issuer and needs nothing else. Public, as public keys are.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

    static final String JWKS_PATH = "/jwks";

    private final SigningKeys signingKeys;
    private final IssuerConfig config;

    DiscoveryResource(SigningKeys signingKeys, IssuerConfig config) {
        this.signingKeys = signingKeys;
        this.config = config;
    }

    @GET
    @Path(".well-known/openid-configuration")
    @NonBlocking
    public Discovery discovery() {
        String base = config.issuer().endsWith("/") ? config.issuer().substring(0, config.issuer().length() - 1)
                : config.issuer();
        return new Discovery(config.issuer(), base + JWKS_PATH,
                List.of(AlgorithmIdentifiers.RSA_USING_SHA256));
    }

    /**
     * Read from the database on every request, not from this replica's memory: a verifier that meets a new kid
     * fetches the JWKS once and then waits minutes before it tries again, so the answer must already hold any key
     * that another replica has started to sign with.
     */
    @GET
    @Path(JWKS_PATH)
    public Uni<String> jwks() {
        return signingKeys.reload().map(KeyRing::jwks);
    }
}
