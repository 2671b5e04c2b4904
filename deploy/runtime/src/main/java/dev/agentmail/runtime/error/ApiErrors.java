package dev.agentmail.runtime.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure leaves the service in the API's error format: never a stack trace, never a 500 for bad input. */
public final class ApiErrors {

    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    /**
     * PostgreSQL's refusals of text the client sent: a NUL in a text column (22021) or in JSON (22P05). The
     * database is the one place that knows every column that text can reach, so they are read there.
     */
    private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

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
            // Jackson's own words here name our classes ("Cannot deserialize value of type `dev.agentmail...`").
            return respond(400, new ApiError("ValidationError",
                    "The request body is not valid JSON of the expected shape: a JSON object.", null));
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
        if (status == 400 && causedBy(e, JsonProcessingException.class) instanceof JsonProcessingException json) {
            // The JSON reader's own 400 says only "HTTP 400 Bad Request"; its cause says what is wrong.
            return json instanceof MismatchedInputException mismatch ? mistypedField(mismatch) : unreadableBody(json);
        }
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
        String sqlState = sqlState(e);
        if (sqlState != null && UNSTORABLE_TEXT.contains(sqlState)) {
            return respond(400, new ApiError("ValidationError", "The request holds text that cannot be stored: a "
                    + "NUL character (\\u0000 or %00) or an invalid Unicode escape.", null));
        }
        LOG.error("unexpected failure", e);
        return respond(500, UNEXPECTED);
    }

    /**
     * The SQLSTATE PostgreSQL gave, from the reactive client's exception or the Hibernate exception that carries
     * it in its place; null for anything else.
     */
    private static String sqlState(Throwable failure) {
        if (causedBy(failure, PgException.class) instanceof PgException database) {
            return database.getSqlState();
        }
        if (causedBy(failure, JDBCException.class) instanceof JDBCException database) {
            return database.getSQLState();
        }
        return null;
    }

    /** The first of {@code failure} and its causes that is a {@code type}, or null. */
    private static Throwable causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }

    private static Response respond(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
