package dev.agentmail.gateway.error;

/** An answer the gateway gives itself instead of forwarding: an HTTP status and the error body that explains it. */
public record Refusal(int status, ApiError error) {

    public static Refusal unauthorized(String message) {
        return new Refusal(401, new ApiError("UnauthorizedError", message));
    }

    public static Refusal forbidden(String message) {
        return new Refusal(403, new ApiError("ForbiddenError", message));
    }

    public static Refusal notFound(String message) {
        return new Refusal(404, new ApiError("NotFoundError", message));
    }

    public static Refusal rateLimited(String message) {
        return new Refusal(429, new ApiError("RateLimitError", message));
    }

    public static Refusal notImplemented(String message) {
        return new Refusal(501, new ApiError("NotImplementedError", message));
    }

    public static Refusal badGateway(String message) {
        return new Refusal(502, new ApiError("BadGatewayError", message));
    }

    public static Refusal unavailable(String message) {
        return new Refusal(503, new ApiError("ServiceUnavailableError", message));
    }

    public static Refusal gatewayTimeout(String message) {
        return new Refusal(504, new ApiError("GatewayTimeoutError", message));
    }
}
