package dev.agentmail.gateway.door;

import dev.agentmail.gateway.error.Refusal;
import dev.agentmail.gateway.route.PercentDecoding;
import dev.agentmail.runtime.error.ApiError;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * What the door refuses about a request before looking for its route: a request target that is not a URI of
 * percent-encoded UTF-8 (RFC 3986), as a client's bad escaping yields ({@code %ZZ}, a {@code %} at the end, the
 * escape of a byte that is not UTF-8, a raw space, {@code <} or byte outside ASCII), a target longer than the
 * services read (414), and a request without a Host. The services behind the door would refuse such a target with
 * an empty 400 or 414 before any of their code runs; the client should hear what is wrong, in the API's error
 * format.
 */
final class RequestTarget {

    /**
     * The longest target forwarded: the services read request lines of at most 4096 bytes (Quarkus' default), method
     * and HTTP version included. The door's own line limit is far above it (application.properties), so that a
     * longer target still reaches this check and is answered in the error format.
     */
    static final int MAX_LENGTH = 4000;

    private RequestTarget() {
    }

    /** The refusal this request deserves for its target or Host, if any. */
    static Optional<Refusal> refusal(HttpServerRequest request) {
        if (request.authority() == null) {
            return Optional.of(Refusal.invalidField("Host", "is required: send the Host header."));
        }
        String target = request.uri();
        if (target.length() > MAX_LENGTH) {
            return Optional.of(new Refusal(414, ApiError.invalidField("path", "with its query is "
                    + target.length() + " bytes; at most " + MAX_LENGTH + " are read.")));
        }
        int outsideAscii = firstOutsideVisibleAscii(target);
        if (outsideAscii >= 0) {
            return Optional.of(malformed(request.query() != null && outsideAscii > request.path().length()
                    ? "query" : "path"));
        }
        if (!decodes(request.path(), "/")) {
            return Optional.of(malformed("path"));
        }
        String query = request.query();
        if (query != null && !decodes(query, "[&=]")) {
            return Optional.of(malformed("query"));
        }
        try {
            new URI(request.uri());
        } catch (URISyntaxException e) {
            return Optional.of(malformed(query != null && e.getIndex() > request.path().length() ? "query" : "path"));
        }
        return Optional.empty();
    }

    /**
     * The index of the first character that no request target holds raw, or -1. Netty reads the request line as
     * ISO-8859-1, so each byte above 0x7F of a raw UTF-8 character is one such character here.
     */
    private static int firstOutsideVisibleAscii(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return i;
            }
        }
        return -1;
    }

    private static Refusal malformed(String field) {
        return Refusal.invalidField(field, "is not valid percent-encoding: characters outside RFC 3986 are sent as "
                + "% and two hex digits per byte of their UTF-8.");
    }

    /** Whether every part of {@code text}, split at {@code separators}, decodes to UTF-8. */
    private static boolean decodes(String text, String separators) {
        for (String part : text.split(separators, -1)) {
            if (PercentDecoding.decode(part) == null) {
                return false;
            }
        }
        return true;
    }
}
