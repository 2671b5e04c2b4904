package dev.agentmail.thread.mailbox;

/**
 * Message-IDs as paths and bodies carry them. The id is RFC 5322's {@code <...@domain>}, URL-encoded in a path (the
 * framework decodes it); one given without its angle brackets means the same message.
 */
public final class MessageIds {

    private MessageIds() {
    }

    public static String fromPath(String messageId) {
        if (messageId == null) {
            return "";
        }
        String id = messageId.strip();
        return id.startsWith("<") && id.endsWith(">") ? id : "<" + id + ">";
    }
}
