package dev.agentmail.thread.mailbox;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which thread of an inbox a message joins: the thread of the message it replies to (In-Reply-To), else of the
 * nearest message its References name that the inbox holds (the last reference is the parent, the first the root),
 * else a new one. Threads are per inbox: the same conversation in two of our inboxes is two threads.
 */
public final class Threading {

    private Threading() {
    }

    /** The Message-IDs to look for, most telling first: In-Reply-To, then References from the last to the first. */
    public static List<String> candidates(String inReplyTo, List<String> references) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        if (inReplyTo != null) {
            ids.add(inReplyTo);
        }
        if (references != null) {
            List<String> reversed = new ArrayList<>(references);
            java.util.Collections.reverse(reversed);
            ids.addAll(reversed);
        }
        return List.copyOf(ids);
    }

    /** The id of the thread in {@code inboxId} the message belongs to, or null for a new thread. */
    public static Uni<String> existingThread(String inboxId, String inReplyTo, List<String> references) {
        List<String> candidates = candidates(inReplyTo, references);
        if (candidates.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return Message.<Message>list("inboxId = ?1 and messageId in ?2", inboxId, candidates).map(found -> {
            for (String candidate : candidates) {
                for (Message message : found) {
                    if (message.messageId.equals(candidate)) {
                        return message.threadId;
                    }
                }
            }
            return null;
        });
    }
}
