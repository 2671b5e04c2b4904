package dev.agentmail.gateway.route;

import java.util.Arrays;
import java.util.List;

/**
 * A route's path as AgentMail writes it, {@code /v0/inboxes/{inbox_id}/messages/{message_id}}: literal segments and
 * named parameters, each parameter a whole segment.
 */
public record PathTemplate(String text, List<String> segments) {

    public static PathTemplate of(String text) {
        if (!text.startsWith("/v0/") || text.endsWith("/") || text.contains("//")) {
            throw new IllegalArgumentException("not a v0 route path: " + text);
        }
        return new PathTemplate(text, List.copyOf(Arrays.asList(text.substring(1).split("/"))));
    }

    public static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    public static String parameterName(String segment) {
        return segment.substring(1, segment.length() - 1);
    }

    public boolean hasParameter(String name) {
        return segments.contains("{" + name + "}");
    }

    @Override
    public String toString() {
        return text;
    }
}
