package dev.agentmail.runtime.query;

import dev.agentmail.runtime.error.ApiException;
import java.util.Locale;

/**
 * Reads typed query parameters that resources take as text. JAX-RS answers a query parameter it cannot convert with
 * a bare 404, which tells the caller neither that the route exists nor which parameter is wrong; reading them here
 * answers 400 naming the parameter.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The parameter as a whole number, null when absent. */
    public static Integer integer(String name, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(name, "must be a whole number, not \"" + shown(text) + "\"");
        }
    }

    /** The parameter as true or false (either case, or 1 and 0), false when absent. */
    public static boolean flag(String name, String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.invalidField(name, "must be true or false, not \"" + shown(text) + "\"");
        };
    }

    /** The value as the error repeats it: short, and with no control characters to upset a log or a terminal. */
    private static String shown(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
