package dev.agentmail.thread.thread;

import dev.agentmail.runtime.security.Principal;
import dev.agentmail.thread.directory.InboxAccess;
import dev.agentmail.thread.mailbox.MailThread;
import io.smallrye.mutiny.Uni;
import java.util.Map;

/** The collection a route names: the organization's threads (or drafts), one pod's, or one inbox's. */
public record ThreadCollection(String podId, String inboxId) {

    public static ThreadCollection organization() {
        return new ThreadCollection(null, null);
    }

    public static ThreadCollection pod(String podId) {
        return new ThreadCollection(podId, null);
    }

    public static ThreadCollection inbox(String inboxId) {
        return new ThreadCollection(null, inboxId);
    }

    /**
     * The collection as the caller may list it: an inbox or pod outside its scope or organization is 404, the
     * organization's collection ({@code organizationRoute}, for the error) needs an organization key (403).
     */
    public Uni<ThreadCollection> reachedBy(Principal caller, String organizationRoute) {
        if (inboxId != null) {
            return InboxAccess.inbox(caller, inboxId).map(inbox -> inbox(inbox.inboxId));
        }
        if (podId != null) {
            return InboxAccess.pod(caller, podId).replaceWith(this);
        }
        caller.requireOrganizationScope(organizationRoute);
        return Uni.createFrom().item(this);
    }

    /** Narrows a query of the organization's rows (its {@code where organization_id = ...} written) to this one. */
    public void appendTo(StringBuilder sql, Map<String, Object> parameters) {
        if (podId != null) {
            sql.append(" and pod_id = :pod");
            parameters.put("pod", podId);
        }
        if (inboxId != null) {
            sql.append(" and inbox_id = :inbox");
            parameters.put("inbox", inboxId);
        }
    }

    /** Whether the thread belongs here. */
    public boolean contains(MailThread thread) {
        return (podId == null || podId.equals(thread.podId)) && (inboxId == null || inboxId.equals(thread.inboxId));
    }
}
