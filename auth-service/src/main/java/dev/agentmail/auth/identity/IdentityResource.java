package dev.agentmail.auth.identity;

import dev.agentmail.runtime.security.Caller;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Who the caller's key is: any key may ask, whatever its scope and permissions. */
@Path("/v0/auth/me")
@Produces(MediaType.APPLICATION_JSON)
public class IdentityResource {

    private final Caller caller;

    IdentityResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @NonBlocking
    public Identity me() {
        return Identity.of(caller.principal());
    }
}
