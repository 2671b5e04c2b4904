package dev.agentmail.thread.message;

import dev.agentmail.runtime.error.ApiError;
import dev.agentmail.thread.mailbox.InvalidBase64;
import dev.agentmail.thread.mime.InvalidMail;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** This service's refusals that the shared error format has no factory for, in that format. */
public final class MailErrors {

    @ServerExceptionMapper
    public Response invalidMail(InvalidMail e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("ValidationError", e.field() + ": " + e.getMessage(),
                        List.of(new ApiError.FieldError(e.field(), e.getMessage()))))
                .build();
    }

    @ServerExceptionMapper
    public Response invalidBase64(InvalidBase64 e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("ValidationError", e.field() + ": " + e.getMessage(),
                        List.of(new ApiError.FieldError(e.field(), e.getMessage()))))
                .build();
    }

    @ServerExceptionMapper
    public Response tooLarge(MessageTooLarge e) {
        return Response.status(413).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("PayloadTooLargeError", e.getMessage(), null))
                .build();
    }
}
