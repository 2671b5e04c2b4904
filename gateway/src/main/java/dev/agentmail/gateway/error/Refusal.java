package dev.agentmail.gateway.error;

import dev.agentmail.runtime.error.ApiError;

/**
 * An answer the gateway gives itself instead of forwarding: an HTTP status and the error body that explains it,
 * in the format every service uses. The gateway only answers for itself (400 for a request target no route can
 * take, 401, 403, 404, 429, 501, 500 for its own failure, 502-504); every other error body comes from the owning
 * service, passed through unchanged.
 */
public record Refusal(int status, ApiError error) {

    public static Refusal invalidField(String field, String message) {
        return new Refusal(400, ApiError.invalidField(field, message));
    }

    /** A 4xx that Vert.x Web decided for a request it could not route, said in the error format. */
    public static Refusal ofStatus(int status) {
        return new Refusal(status, new ApiError("ValidationError", "The request was refused (HTTP " + status + ").",
                null));
    }

    public static Refusal unauthorized(String message) {
        return new Refusal(401, new ApiError("UnauthorizedError", message, null));
    }

    public static Refusal forbidden(String message) {
        return new Refusal(403, new ApiError("ForbiddenError", message, null));
    }

    public static Refusal notFound(String message) {
        return new Refusal(404, new ApiError("NotFoundError", message, null));
    }

    public static Refusal rateLimited(String message) {
        return new Refusal(429, new ApiError("RateLimitError", message, null));
    }

    public static Refusal notImplemented(String message) {
        return new Refusal(501, new ApiError("NotImplementedError", message, null));
    }

    public static Refusal internal(String message) {
        return new Refusal(500, new ApiError("InternalServerError", message, null));
    }

    public static Refusal badGateway(String message) {
        return new Refusal(502, new ApiError("BadGatewayError", message, null));
    }

    public static Refusal unavailable(String message) {
        return new Refusal(503, new ApiError("ServiceUnavailableError", message, null));
    }

    public static Refusal gatewayTimeout(String message) {
        return new Refusal(504, new ApiError("GatewayTimeoutError", message, null));
    }
}
