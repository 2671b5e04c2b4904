package dev.agentmail.runtime.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The API's one error body, as AgentMail sends it: a stable {@code name} a client can switch on and a
 * {@code message} that says what to fix; a validation error adds one entry per offending field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String name, String message, List<FieldError> errors) {

    public record FieldError(String field, String message) {
    }

    /** A ValidationError about one field: its message names the field, and so does its one entry. */
    public static ApiError invalidField(String field, String message) {
        return new ApiError("ValidationError", field + ": " + message, List.of(new FieldError(field, message)));
    }
}
