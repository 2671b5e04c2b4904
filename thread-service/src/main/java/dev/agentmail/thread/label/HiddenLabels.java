package dev.agentmail.thread.label;

import dev.agentmail.runtime.query.QueryParameters;
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

    /** A label hidden unless the list's {@code parameter} includes it and the key has {@code permission}. */
    private record Rule(String label, Permission permission, String parameter) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Labels.SPAM, Permission.LABEL_SPAM_READ, "include_spam"),
            new Rule(Labels.BLOCKED, Permission.LABEL_BLOCKED_READ, "include_blocked"),
            new Rule(Labels.UNAUTHENTICATED, Permission.LABEL_UNAUTHENTICATED_READ, "include_unauthenticated"),
            new Rule(Labels.TRASH, Permission.LABEL_TRASH_READ, "include_trash"));

    /** What a list leaves out, given the request's include flags as its query carries them (absent = false). */
    public static HiddenLabels forList(Principal caller, String includeSpam, String includeBlocked,
                                       String includeUnauthenticated, String includeTrash) {
        String[] flags = {includeSpam, includeBlocked, includeUnauthenticated, includeTrash};
        List<String> hidden = new ArrayList<>();
        for (int i = 0; i < RULES.size(); i++) {
            Rule rule = RULES.get(i);
            if (!QueryParameters.flag(rule.parameter(), flags[i]) || !mayRead(caller, rule)) {
                hidden.add(rule.label());
            }
        }
        return new HiddenLabels(List.copyOf(hidden));
    }

    /** What a single get hides: only what the key may not read. */
    public static HiddenLabels forGet(Principal caller) {
        return new HiddenLabels(RULES.stream().filter(rule -> !mayRead(caller, rule)).map(Rule::label).toList());
    }

    private static boolean mayRead(Principal caller, Rule rule) {
        return caller.holds(rule.permission());
    }

    public boolean hides(List<String> messageLabels) {
        return messageLabels.stream().anyMatch(labels::contains);
    }
}
