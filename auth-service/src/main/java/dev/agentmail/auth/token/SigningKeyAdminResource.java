package dev.agentmail.auth.token;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operators rotate the signing key, e.g. on a schedule or when the database may have leaked. */
@Path("/admin/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
// /admin/* already requires an operator's token with their role (application.properties); this holds even if that
// rule moves.
@RolesAllowed("${agentmail.admin.role}")
public class SigningKeyAdminResource {

    private final SigningKeys signingKeys;

    SigningKeyAdminResource(SigningKeys signingKeys) {
        this.signingKeys = signingKeys;
    }

    @POST
    @Path("rotate")
    public Uni<ActiveSigningKey> rotate() {
        return signingKeys.rotate().map(key -> new ActiveSigningKey(key.kid()));
    }
}
