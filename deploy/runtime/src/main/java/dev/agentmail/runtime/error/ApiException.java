package dev.agentmail.runtime.error;


/** A refusal with its HTTP status and error body; thrown anywhere, turned into a response by {@link ApiErrors}. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final transient ApiError error;

    private ApiException(int status, ApiError error) {
        super(error.message(), null, false, false);
        this.status = status;
        this.error = error;
    }

    public static ApiException validation(String message) {
        return new ApiException(400, new ApiError("ValidationError", message, null));
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(400, ApiError.invalidField(field, message));
    }

    public static ApiException unauthorized() {
        return new ApiException(401, new ApiError("UnauthorizedError",
                "The API key or token is missing, invalid, revoked or expired.", null));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, new ApiError("ForbiddenError", message, null));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, new ApiError("NotFoundError", what + " not found.", null));
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, new ApiError("ConflictError", message, null));
    }

    /** 409 for an email address that another inbox already has. */
    public static ApiException isTaken(String message) {
        return new ApiException(409, new ApiError("IsTakenError", message, null));
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }
}
