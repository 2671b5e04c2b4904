package dev.agentmail.inbox.inbox;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The words an inbox is found by: the runs of letters and digits in its address and display name, lowercased.
 * The database indexes them as a tsvector; a search matches when every word of the query is the prefix of one.
 */
final class SearchWords {

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchWords() {
    }

    /** What the {@code search_words} column holds for an inbox. */
    static String of(String address, String displayName) {
        return String.join(" ", words(address + " " + (displayName == null ? "" : displayName)));
    }

    /**
     * The query as a PostgreSQL tsquery ({@code swift:* & otter:*}), or null when it has no word. Words are only
     * letters and digits, so none carries tsquery syntax.
     */
    static String prefixQuery(String q) {
        List<String> words = words(q);
        return words.isEmpty() ? null : words.stream().map(word -> word + ":*").collect(Collectors.joining(" & "));
    }

    private static List<String> words(String text) {
        return Arrays.stream(SEPARATORS.split(text.toLowerCase(Locale.ROOT)))
                .filter(word -> !word.isEmpty())
                .distinct()
                .toList();
    }
}
