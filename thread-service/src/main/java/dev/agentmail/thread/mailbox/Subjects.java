package dev.agentmail.thread.mailbox;

import java.util.regex.Pattern;

/** The subject of a reply or a forward, as mail clients write it. */
public final class Subjects {

    private static final Pattern REPLY = Pattern.compile("(?i)^\\s*re\\s*:.*");
    private static final Pattern FORWARD = Pattern.compile("(?i)^\\s*(fwd?|fw)\\s*:.*");

    private Subjects() {
    }

    /** "Re: " once: a reply to a reply keeps the subject as it is. */
    public static String reply(String subject) {
        if (subject == null || subject.isBlank()) {
            return "Re:";
        }
        return REPLY.matcher(subject).matches() ? subject : "Re: " + subject;
    }

    public static String forward(String subject) {
        if (subject == null || subject.isBlank()) {
            return "Fwd:";
        }
        return FORWARD.matcher(subject).matches() ? subject : "Fwd: " + subject;
    }
}
