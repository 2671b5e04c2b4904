package dev.agentmail.runtime.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure leaves the service in the API's error format: never a stack trace, never a 500 for bad input. */
public final class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    /** The body of every 500: what went wrong is in the log, not in the answer. */
    public static final ApiError UNEXPECTED = new ApiError("InternalServerError",
            "Something went wrong on our side; try again.", null);

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        return respond(e.status(), e.error());
    }

    /** A field of the wrong JSON type (Quarkus' own mapper would answer a body of another shape). */
    @ServerExceptionMapper
    public Response mistypedField(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
        if (field.isEmpty()) {
            return unreadableBody(e);
        }
        return respond(400, new ApiError("ValidationError", field + ": has the wrong JSON type",
                List.of(new ApiError.FieldError(field, "has the wrong JSON type"))));
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        return respond(400, new ApiError("ValidationError",
                "The request body is not valid JSON of the expected shape: " + e.getOriginalMessage(), null));
    }

    /**
     * A unique key that two concurrent requests both passed the service's own check for (same address, same
     * client_id): the loser learns the truth at commit. A retry gets the usual answer (409 or the original).
     */
    @ServerExceptionMapper
    public Response concurrentConflict(ConstraintViolationException e) {
        return respond(409, new ApiError("ConflictError",
                "Another request created the same resource at the same moment; retry to see it.", null));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e instanceof NotFoundException) {
            return respond(404, new ApiError("NotFoundError", "No such route.", null));
        }
        if (e instanceof NotAllowedException) {
            return respond(405, new ApiError("MethodNotAllowedError", "This route does not take that method.", null));
        }
        if (e instanceof NotSupportedException) {
            return respond(415, new ApiError("UnsupportedMediaTypeError", "Send application/json.", null));
        }
        if (status >= 500) {
            return unexpected(e);
        }
        return respond(status, new ApiError(status == 400 ? "ValidationError" : "HttpError", e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return respond(500, UNEXPECTED);
    }

    private static Response respond(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
