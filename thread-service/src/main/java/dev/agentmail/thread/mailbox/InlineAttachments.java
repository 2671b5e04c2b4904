package dev.agentmail.thread.mailbox;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.agentmail.thread.mailbox.MessageJson.SendAttachment;
import dev.agentmail.thread.mime.AttachmentContent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request's {@code attachments} as the body streams in, decoding each base64 {@code content} straight from
 * the parser into bytes ({@link JsonParser#readBinaryValue}): a 25 MB attachment is never a 35-million-character
 * String, and Jackson's bound on string length needs no raising. The other fields are read as Jackson reads them
 * everywhere else, with the same coercions and the same errors at the same paths.
 *
 * <p>The body comes from Quarkus REST's own JSON reader, on the non-blocking send and draft endpoints: it buffers at
 * most {@code quarkus.rest.input-buffer-size} (10 KiB) on the event loop, then moves the reading to a worker thread
 * that pulls the rest from the connection as it is parsed, and returns to the event loop for the resource method,
 * where Hibernate Reactive must run. An {@code InputStream} parameter would gain nothing: on a non-blocking endpoint
 * it arrives on the event loop, which must not block to read it, and a {@code @Blocking} endpoint would have to
 * leave its worker for every database call.
 *
 * <p>Bad base64 is {@link InvalidBase64}, an IOException of our own: Jackson lets a property's IOException out as
 * it is, where it would wrap any other exception into one that reads as "not valid JSON". For the same reason this
 * reads the whole array, not each attachment: Jackson's own list reader wraps whatever its elements throw.
 */
public final class InlineAttachments extends StdDeserializer<List<SendAttachment>> {

    /** The standard alphabet, padding optional, whitespace between groups of four skipped (line-wrapped base64). */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS.withPaddingAllowed();

    public InlineAttachments() {
        super(List.class);
    }

    @Override
    public List<SendAttachment> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.isExpectedStartArrayToken()) {
            return castList(ctxt.handleUnexpectedToken(ctxt.constructType(List.class), p));
        }
        List<SendAttachment> attachments = new ArrayList<>();
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            int index = attachments.size();
            try {
                attachments.add(token == JsonToken.VALUE_NULL ? null : attachment(p, ctxt, index));
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, attachments, index);
            }
        }
        return attachments;
    }

    private static SendAttachment attachment(JsonParser p, DeserializationContext ctxt, int index) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return (SendAttachment) ctxt.handleUnexpectedToken(SendAttachment.class, p);
        }
        String filename = null;
        String contentType = null;
        String disposition = null;
        String contentId = null;
        String url = null;
        AttachmentContent content = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            try {
                switch (name) {
                    case "content" -> content = content(p, ctxt, index);
                    case "filename" -> filename = text(p, ctxt);
                    case "content_type" -> contentType = text(p, ctxt);
                    case "content_disposition" -> disposition = text(p, ctxt);
                    case "content_id" -> contentId = text(p, ctxt);
                    case "url" -> url = text(p, ctxt);
                    default -> p.skipChildren();
                }
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, SendAttachment.class, name);
            }
        }
        return new SendAttachment(filename, contentType, disposition, contentId, content, url);
    }

    private static AttachmentContent content(JsonParser p, DeserializationContext ctxt, int index) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        try {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                AttachmentContent.Writer bytes = new AttachmentContent.Writer();
                p.readBinaryValue(BASE64, bytes);
                return bytes.content();
            }
            // A number or a boolean, which Jackson would take as a string: as short as its text, and decoded as one.
            return AttachmentContent.of(BASE64.decode(text(p, ctxt)));
        } catch (IllegalArgumentException e) {
            throw new InvalidBase64("attachments[" + index + "].content");
        }
    }

    private static String text(JsonParser p, DeserializationContext ctxt) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, String.class);
    }

    @SuppressWarnings("unchecked")
    private static List<SendAttachment> castList(Object value) {
        return (List<SendAttachment>) value;
    }
}
