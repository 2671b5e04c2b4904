package dev.agentmail.gateway.error;

/**
 * The API's error body, as AgentMail sends it: a stable {@code name} a client can switch on and a {@code message}
 * that says what to do. The gateway only answers for itself (401, 403, 404, 429, 501, 502-504); every other error
 * body comes from the owning service, passed through unchanged.
 */
public record ApiError(String name, String message) {
}
