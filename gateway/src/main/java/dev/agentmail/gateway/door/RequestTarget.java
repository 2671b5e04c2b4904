package dev.agentmail.gateway.door;

import dev.agentmail.gateway.error.Refusal;
import dev.agentmail.gateway.route.PercentDecoding;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * What the door refuses about a request before looking for its route: a request target that is not a URI of
 * percent-encoded UTF-8 (RFC 3986), as a client's bad escaping yields ({@code %ZZ}, a {@code %} at the end, the
 * escape of a byte that is not UTF-8, a raw space or {@code <}), and a request without a Host. The services behind
 * the door would refuse such a target with an empty 400 before any of their code runs; the client should hear what
 * is wrong, in the API's error format.
 */
final class RequestTarget {

    private RequestTarget() {
    }

    /** The refusal this request deserves for its target or Host, if any. */
    static Optional<Refusal> refusal(HttpServerRequest request) {
        if (request.authority() == null) {
            return Optional.of(Refusal.invalidField("Host", "is required: send the Host header."));
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
