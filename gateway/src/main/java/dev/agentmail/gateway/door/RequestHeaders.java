package dev.agentmail.gateway.door;

import dev.agentmail.gateway.error.Refusal;
import dev.agentmail.runtime.error.ApiError;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.Optional;

/**
 * What the door refuses about a request's headers before looking for its route: a name that is not an RFC 9110
 * token, a value holding a control character (a tab aside), a Transfer-Encoding that does not end in chunked, and
 * headers larger in all than the services read (431).
 * Vert.x's own check of header characters is off in the gateway ({@code GatewayMain}) because it answers an empty
 * 400 that names nothing; this one answers in the API's error format, and nothing it refuses is forwarded.
 */
final class RequestHeaders {

    /**
     * The most header bytes forwarded, names, values and line ends counted: the services read 20 KiB at most (Quarkus'
     * default), and the door adds an internal token and a request id to what the client sent. The door's own limit is
     * far above it (application.properties), so that larger headers still reach this check.
     */
    static final int MAX_SIZE = 16 * 1024;

    private RequestHeaders() {
    }

    /** The refusal this request deserves for its headers, if any. */
    static Optional<Refusal> refusal(HttpServerRequest request) {
        int size = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            if (!isToken(name)) {
                return Optional.of(Refusal.invalidField("headers", "hold a name that is not an HTTP token: "
                        + "letters, digits and !#$%&'*+-.^_`|~ only."));
            }
            if (hasControlCharacter(header.getValue())) {
                return Optional.of(Refusal.invalidField(name, "holds a control character; header values cannot."));
            }
            size += name.length() + header.getValue().length() + 4;
        }
        String transferEncoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (transferEncoding != null && !isChunkedLast(transferEncoding)) {
            // RFC 9112 6.3: a request body whose length nothing tells; the decoder would read the rest of the
            // connection as one body.
            return Optional.of(Refusal.invalidField("Transfer-Encoding", "must end in chunked: a request body of "
                    + "another coding has no length to read it by."));
        }
        if (size > MAX_SIZE) {
            return Optional.of(new Refusal(431, ApiError.invalidField("headers", "are " + size + " bytes in all; "
                    + "at most " + MAX_SIZE + " are read.")));
        }
        return Optional.empty();
    }

    private static boolean isChunkedLast(String transferEncoding) {
        String[] codings = transferEncoding.split(",");
        return codings[codings.length - 1].strip().equalsIgnoreCase("chunked");
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** CTL of RFC 5234 but the tab that values may hold; bytes above 0x7F pass, as obs-text. */
    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
