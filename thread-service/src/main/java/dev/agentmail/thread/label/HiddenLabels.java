package dev.agentmail.thread.label;

import dev.agentmail.runtime.security.Permission;
import dev.agentmail.runtime.security.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * Mail labelled spam, blocked, unauthenticated or trash is left out of lists unless the request includes it
 * ({@code include_spam}, ...) and the key may read it ({@code label_spam_read}, ...); a key without the permission
 * does not see such mail at all, not even by its id.
 */
public record HiddenLabels(List<String> labels) {

    private record Rule(String label, Permission permission) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Labels.SPAM, Permission.LABEL_SPAM_READ),
            new Rule(Labels.BLOCKED, Permission.LABEL_BLOCKED_READ),
            new Rule(Labels.UNAUTHENTICATED, Permission.LABEL_UNAUTHENTICATED_READ),
            new Rule(Labels.TRASH, Permission.LABEL_TRASH_READ));

    /** What a list leaves out, given the request's include flags (null = false). */
    public static HiddenLabels forList(Principal caller, Boolean includeSpam, Boolean includeBlocked,
                                       Boolean includeUnauthenticated, Boolean includeTrash) {
        boolean[] included = {Boolean.TRUE.equals(includeSpam), Boolean.TRUE.equals(includeBlocked),
                Boolean.TRUE.equals(includeUnauthenticated), Boolean.TRUE.equals(includeTrash)};
        List<String> hidden = new ArrayList<>();
        for (int i = 0; i < RULES.size(); i++) {
            Rule rule = RULES.get(i);
            if (!included[i] || !caller.permissions().contains(rule.permission().claimName())) {
                hidden.add(rule.label());
            }
        }
        return new HiddenLabels(List.copyOf(hidden));
    }

    /** What a single get hides: only what the key may not read. */
    public static HiddenLabels forGet(Principal caller) {
        return forList(caller, true, true, true, true);
    }

    public boolean hides(List<String> messageLabels) {
        return messageLabels.stream().anyMatch(labels::contains);
    }
}
