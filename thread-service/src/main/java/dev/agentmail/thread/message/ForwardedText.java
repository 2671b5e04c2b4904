package dev.agentmail.thread.message;

import dev.agentmail.thread.mailbox.Message;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The body of a forward: the sender's own words, then the original under a header block, as mail clients write it. */
public final class ForwardedText {

    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, d MMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ForwardedText() {
    }

    public static String text(String note, Message original) {
        StringBuilder text = new StringBuilder();
        if (note != null) {
            text.append(note).append("\n\n");
        }
        text.append("---------- Forwarded message ---------\n")
                .append("From: ").append(original.from).append('\n')
                .append("Date: ").append(DATE.format(original.timestamp)).append('\n')
                .append("Subject: ").append(original.subject == null ? "" : original.subject).append('\n')
                .append("To: ").append(String.join(", ", original.to)).append("\n\n");
        if (original.text != null) {
            text.append(original.text);
        } else if (original.preview != null) {
            text.append(original.preview);
        }
        return text.toString();
    }

    /** Only when there is html to forward (the note's or the original's); otherwise the message stays text-only. */
    public static String html(String note, Message original) {
        if (note == null && original.html == null) {
            return null;
        }
        StringBuilder html = new StringBuilder();
        if (note != null) {
            html.append(note).append("<br><br>");
        }
        html.append("<div>---------- Forwarded message ---------<br>")
                .append("From: ").append(escape(original.from)).append("<br>")
                .append("Date: ").append(DATE.format(original.timestamp)).append("<br>")
                .append("Subject: ").append(escape(original.subject == null ? "" : original.subject)).append("<br>")
                .append("To: ").append(escape(String.join(", ", original.to))).append("<br><br></div>");
        if (original.html != null) {
            html.append(original.html);
        } else if (original.text != null) {
            html.append("<pre>").append(escape(original.text)).append("</pre>");
        }
        return html.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
