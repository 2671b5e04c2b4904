package dev.agentmail.thread.mailbox;

import dev.agentmail.thread.label.Labels;
import dev.agentmail.thread.mime.MailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How an answer to a stored message is addressed and threaded, the same for a reply sent at once and for a reply
 * drafted first.
 */
public final class Replies {

    /** A reply's References keep the root and the latest ones; mail clients cut long chains the same way. */
    private static final int MAX_REFERENCES = 30;

    private Replies() {
    }

    /**
     * Whom a reply goes to: for a message we sent, its recipients; else its Reply-To if it has one, else its
     * sender.
     */
    public static List<MailAddress> targets(Message original) {
        if (original.labels.contains(Labels.SENT) && !original.labels.contains(Labels.RECEIVED)) {
            return addresses(original.to);
        }
        if (original.replyTo != null && !original.replyTo.isEmpty()) {
            return addresses(original.replyTo);
        }
        MailAddress from = MailAddress.lenient(original.from);
        return from == null ? List.of() : List.of(from);
    }

    /** A reply-all's To: {@code to} and the original's To, each address once, without the replying inbox. */
    public static List<MailAddress> toAll(List<MailAddress> to, Message original, String replyingInbox) {
        List<MailAddress> all = Stream.concat(to.stream(), addresses(original.to).stream()).toList();
        return MailAddress.distinct(all, replyingInbox);
    }

    /** A reply-all's Cc: {@code cc} and the original's Cc, each address once, without the replying inbox. */
    public static List<MailAddress> ccAll(List<MailAddress> cc, Message original, String replyingInbox) {
        List<MailAddress> all = Stream.concat(cc.stream(), addresses(original.cc).stream()).toList();
        return MailAddress.distinct(all, replyingInbox);
    }

    /** The References of an answer: the original's, then the original itself. */
    public static List<String> referencesAfter(Message original) {
        List<String> references = new ArrayList<>(original.references == null ? List.of() : original.references);
        references.add(original.messageId);
        if (references.size() > MAX_REFERENCES) {
            List<String> cut = new ArrayList<>();
            cut.add(references.get(0));
            cut.addAll(references.subList(references.size() - MAX_REFERENCES + 1, references.size()));
            return cut;
        }
        return references;
    }

    /** Addresses as a message or draft stores them, read leniently: one that no longer parses is left out. */
    public static List<MailAddress> addresses(List<String> stored) {
        if (stored == null) {
            return List.of();
        }
        return stored.stream().map(MailAddress::lenient).filter(address -> address != null).toList();
    }
}
