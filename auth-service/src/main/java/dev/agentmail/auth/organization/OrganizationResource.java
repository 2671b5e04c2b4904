package dev.agentmail.auth.organization;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** {@code GET /v0/organizations}: the caller's own organization, with its counts and limits. */
@Path("/v0/organizations")
public class OrganizationResource {

    private final Caller caller;

    OrganizationResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @WithSession
    public Uni<OrganizationJson> get() {
        return Organization.<Organization>findById(caller.principal().organizationId()).map(organization -> {
            if (organization == null) {
                throw ApiException.notFound("Organization");
            }
            return OrganizationJson.of(organization);
        });
    }
}
