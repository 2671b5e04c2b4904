package dev.agentmail.auth.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.agentmail.runtime.security.Principal;
import dev.agentmail.runtime.security.ScopeType;

/** {@code GET /v0/auth/me} on the wire: the SDK's {@code Identity}; ids a scope does not have are left out. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Identity(ScopeType scopeType, String scopeId, String organizationId, String podId, String inboxId,
                       String apiKeyId) {

    static Identity of(Principal principal) {
        return new Identity(principal.scopeType(), principal.scopeId(), principal.organizationId(),
                principal.podId(), principal.inboxId(), principal.apiKeyId());
    }
}
