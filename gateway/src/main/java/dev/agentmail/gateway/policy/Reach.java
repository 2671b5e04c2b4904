package dev.agentmail.gateway.policy;

/** Which keys a route is for, by the key's scope and the pod or inbox the path names. */
public enum Reach {
    /** No key at all (agent sign-up). */
    PUBLIC,
    /** Any valid key, whatever its scope ({@code /v0/auth/me}). */
    ANY_KEY,
    /** Organization keys only; a pod or inbox key gets 403 (an organization-level route, not a hidden resource). */
    ORGANIZATION,
    /**
     * Under {@code /v0/pods/{pod_id}}: organization keys, and a pod key for its own pod. Any other pod, and every
     * pod route for an inbox key, is 404: outside the key's scope, as if it did not exist.
     */
    POD,
    /**
     * Under {@code /v0/inboxes/{inbox_id}}: organization keys; a pod key, which the owner then holds to its pod's
     * inboxes (only the owner knows an inbox's pod); and an inbox key for its own inbox only, else 404.
     */
    INBOX
}
