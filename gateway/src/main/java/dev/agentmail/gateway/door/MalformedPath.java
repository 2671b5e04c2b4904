package dev.agentmail.gateway.door;

import dev.agentmail.gateway.route.PercentDecoding;

/**
 * A request path that is not percent-encoded UTF-8 (RFC 3986 2.1), as a client's bad escaping yields: {@code %ZZ},
 * a {@code %} at the end, an escape of a byte that is not UTF-8. No route can match it, and the client should hear
 * what is wrong with it rather than that the route does not exist.
 */
final class MalformedPath {

    private MalformedPath() {
    }

    /** Whether every segment of {@code path} (the raw path, without its query) decodes. */
    static boolean is(String path) {
        for (String segment : path.split("/", -1)) {
            if (PercentDecoding.decode(segment) == null) {
                return true;
            }
        }
        return false;
    }
}
