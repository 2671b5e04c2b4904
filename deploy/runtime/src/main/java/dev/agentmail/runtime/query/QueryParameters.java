package dev.agentmail.runtime.query;

import dev.agentmail.runtime.error.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads typed query parameters that resources take as text. JAX-RS answers a query parameter it cannot convert with
 * a bare 404, which tells the caller neither that the route exists nor which parameter is wrong; reading them here
 * answers 400 naming the parameter. A request body's field given as text follows the same rules.
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

    /** The parameter as an instant: ISO-8601 with Z or an offset; null when absent or blank. */
    public static Instant time(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.strip()).toInstant();
            } catch (DateTimeParseException again) {
                throw ApiException.invalidField(name, "must be an ISO-8601 date-time, e.g. 2026-11-25T17:00:00Z");
            }
        }
    }

    /** The value as the error repeats it: short, and with no control characters to upset a log or a terminal. */
    private static String shown(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
