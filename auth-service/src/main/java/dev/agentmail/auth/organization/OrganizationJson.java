package dev.agentmail.auth.organization;

import java.time.Instant;

/** AgentMail's {@code Organization} on the wire. */
public record OrganizationJson(String organizationId, int inboxCount, int domainCount, Integer inboxLimit,
                               Integer domainLimit, Instant updatedAt, Instant createdAt) {

    static OrganizationJson of(Organization organization) {
        return new OrganizationJson(organization.id, organization.inboxCount, organization.domainCount,
                organization.inboxLimit, organization.domainLimit, organization.updatedAt, organization.createdAt);
    }
}
