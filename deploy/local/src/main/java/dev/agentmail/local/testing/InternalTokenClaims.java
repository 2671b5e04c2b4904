package dev.agentmail.local.testing;

import java.util.List;

/**
 * The caller a service sees in an internal token: the API key, its organization and its scope (docs/internal-token.md).
 * A pod key carries {@code podId}; an inbox key carries {@code podId} and {@code inboxId}.
 */
public record InternalTokenClaims(String apiKeyId, String organizationId, String podId, String inboxId,
                                  List<String> permissions) {

    public static InternalTokenClaims organizationKey(String apiKeyId, String organizationId, List<String> permissions) {
        return new InternalTokenClaims(apiKeyId, organizationId, null, null, permissions);
    }

    public static InternalTokenClaims podKey(String apiKeyId, String organizationId, String podId,
                                             List<String> permissions) {
        return new InternalTokenClaims(apiKeyId, organizationId, podId, null, permissions);
    }

    public static InternalTokenClaims inboxKey(String apiKeyId, String organizationId, String podId, String inboxId,
                                               List<String> permissions) {
        return new InternalTokenClaims(apiKeyId, organizationId, podId, inboxId, permissions);
    }

    public String scopeType() {
        if (inboxId != null) {
            return "inbox";
        }
        return podId != null ? "pod" : "organization";
    }
}
