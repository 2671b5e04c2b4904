package dev.agentmail.gateway.door;

import java.util.UUID;

/**
 * The id that ties a request's log lines together across the gateway and the service: the client's own
 * {@code X-Request-Id} when it is a plausible id, else a new one. Either way it is echoed on the response.
 */
final class RequestId {

    private static final int MAX_LENGTH = 128;

    private RequestId() {
    }

    static String of(String presented) {
        return isPlausible(presented) ? presented : UUID.randomUUID().toString();
    }

    /** Letters, digits and {@code -_.:} only, so that it cannot forge log lines or headers downstream. */
    private static boolean isPlausible(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
