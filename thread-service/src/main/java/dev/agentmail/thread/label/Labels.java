package dev.agentmail.thread.label;

import dev.agentmail.runtime.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * AgentMail's label rules. Labels are free strings, but some are the system's: they record what happened to a
 * message (sent, received, bounced, ...) and no client can add or remove them.
 */
public final class Labels {

    public static final String SENT = "sent";
    public static final String RECEIVED = "received";
    public static final String UNREAD = "unread";
    public static final String SPAM = "spam";
    public static final String BLOCKED = "blocked";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String TRASH = "trash";

    /** Set by the service from what happened to a message; a client's add or remove of one is refused. */
    public static final Set<String> SYSTEM = Set.of(SENT, RECEIVED, "bounced", "delivered", "rejected", "complained",
            "queued", "scheduled", "draft", BLOCKED, UNAUTHENTICATED);

    private static final int MAX_LENGTH = 256;
    private static final int MAX_PER_REQUEST = 100;

    private Labels() {
    }

    /** Labels a client asks to add or remove: non-empty, bounded, none of the system's. */
    public static List<String> clientLabels(String field, List<String> labels) {
        if (labels == null) {
            return List.of();
        }
        checkBounds(field, labels);
        Set<String> checked = new LinkedHashSet<>();
        for (String label : labels) {
            if (SYSTEM.contains(label)) {
                throw ApiException.invalidField(field, "'" + label + "' is a system label; the service sets it");
            }
            checked.add(label);
        }
        return List.copyOf(checked);
    }

    /** Labels a list is filtered by: bounded as a client's own are; system labels are filters like any other. */
    public static List<String> filterLabels(List<String> labels) {
        checkBounds("labels", labels);
        return labels;
    }

    private static void checkBounds(String field, List<String> labels) {
        if (labels.size() > MAX_PER_REQUEST) {
            throw ApiException.invalidField(field, "at most " + MAX_PER_REQUEST + " labels");
        }
        for (String label : labels) {
            if (label == null || label.isBlank() || label.length() > MAX_LENGTH) {
                throw ApiException.invalidField(field, "a label is 1 to " + MAX_LENGTH + " characters");
            }
        }
    }

    /** {@code current} with {@code add} added and {@code remove} removed, sorted (a label set has no order). */
    public static List<String> change(List<String> current, List<String> add, List<String> remove) {
        Set<String> labels = new TreeSet<>(current);
        labels.addAll(add);
        remove.forEach(labels::remove);
        return new ArrayList<>(labels);
    }

    /** The labels a new message starts with: the system's and the client's, sorted. */
    public static List<String> of(List<String> system, List<String> client) {
        Set<String> labels = new TreeSet<>(system);
        labels.addAll(client);
        return new ArrayList<>(labels);
    }
}
