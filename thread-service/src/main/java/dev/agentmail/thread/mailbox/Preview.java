package dev.agentmail.thread.mailbox;

import java.util.regex.Pattern;

/** The first words of a message, as lists show them: its text, or its html without markup, on one line. */
public final class Preview {

    static final int LENGTH = 200;
    private static final Pattern MARKUP = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1>|<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private Preview() {
    }

    public static String of(String text, String html) {
        String source = text != null && !text.isBlank() ? text
                : html == null ? null : MARKUP.matcher(html).replaceAll(" ")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        if (source == null) {
            return null;
        }
        String line = SPACE.matcher(source).replaceAll(" ").strip();
        if (line.isEmpty()) {
            return null;
        }
        return line.length() <= LENGTH ? line : line.substring(0, LENGTH);
    }
}
