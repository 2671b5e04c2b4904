package dev.agentmail.auth.organization;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.agentmail.auth.apikey.ApiKeyJson;
import dev.agentmail.auth.apikey.ApiKeySecret;
import dev.agentmail.auth.apikey.ApiKeys;
import dev.agentmail.runtime.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Operators manage organizations here, with a bearer token from their own identity provider (quarkus-oidc; the
 * /admin paths require it in application.properties). Not part of the AgentMail API; the gateway does not route it.
 */
@Path("/admin/organizations")
public class OrganizationAdminResource {

    private static final int MAX_NAME_LENGTH = 256;

    public record CreateOrganization(String name) {
    }

    /** An organization as operators see it: AgentMail's fields, and its name. */
    public record AdminOrganization(String name, @JsonUnwrapped OrganizationJson organization) {

        static AdminOrganization of(Organization organization) {
            return new AdminOrganization(organization.name, OrganizationJson.of(organization));
        }
    }

    /** A new organization and its owner's key, whose secret this answer shows once. */
    public record CreatedOrganization(AdminOrganization organization, ApiKeyJson.Created apiKey) {
    }

    private final Organizations organizations;
    private final ApiKeys keys;

    OrganizationAdminResource(Organizations organizations, ApiKeys keys) {
        this.organizations = organizations;
        this.keys = keys;
    }

    @POST
    @WithTransaction
    public Uni<CreatedOrganization> create(CreateOrganization request) {
        if (request == null || request.name() == null || request.name().isBlank()
                || request.name().length() > MAX_NAME_LENGTH) {
            throw ApiException.invalidField("name", "must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        String id = "org_" + UUID.randomUUID().toString().replace("-", "");
        return organizations.ensure(id, request.name()).chain(organization ->
                keys.issueOrganizationKey(organization.id, "owner", ApiKeySecret.generate())
                        .map(key -> new CreatedOrganization(AdminOrganization.of(organization), key)));
    }

    @GET
    @WithSession
    public Uni<List<AdminOrganization>> list() {
        return Organization.<Organization>listAll(Sort.by("createdAt"))
                .map(all -> all.stream().map(AdminOrganization::of).toList());
    }

    @GET
    @Path("{organization_id}")
    @WithSession
    public Uni<AdminOrganization> get(@RestPath("organization_id") String organizationId) {
        return Organization.<Organization>findById(organizationId).map(organization -> {
            if (organization == null) {
                throw ApiException.notFound("Organization");
            }
            return AdminOrganization.of(organization);
        });
    }
}
