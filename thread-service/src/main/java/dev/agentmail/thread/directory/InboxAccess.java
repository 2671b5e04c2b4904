package dev.agentmail.thread.directory;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.pod.KnownPods;
import dev.agentmail.runtime.security.Principal;
import io.smallrye.mutiny.Uni;
import java.util.Locale;

/**
 * Which inboxes and pods a caller reaches. An inbox in another organization, or outside the key's pod or inbox, is
 * 404 as if it did not exist; an inbox key works on its own inbox's mail (read, send, label, delete) as AgentMail's
 * inbox-scoped keys do.
 */
public final class InboxAccess {

    private InboxAccess() {
    }

    public static Uni<DirectoryInbox> inbox(Principal caller, String inboxId) {
        String id = inboxId == null ? "" : inboxId.toLowerCase(Locale.ROOT);
        return DirectoryInbox.findInOrganization(caller.organizationId(), id).map(inbox -> {
            if (inbox == null || !caller.readsInbox(inbox.podId, inbox.inboxId)) {
                throw ApiException.notFound("Inbox");
            }
            return inbox;
        });
    }

    /**
     * For a pod's collection ({@code /v0/pods/{pod_id}/threads}, {@code .../drafts}): the pod must be in the key's
     * scope and exist in the caller's organization, as inbox.events told us (404 otherwise); an existing pod
     * without mail lists nothing.
     */
    public static Uni<Void> pod(Principal caller, String podId) {
        podInScope(caller, podId);
        return KnownPods.exists(caller.organizationId(), podId).invoke(exists -> {
            if (!exists) {
                throw ApiException.notFound("Pod");
            }
        }).replaceWithVoid();
    }

    /**
     * For one thing under {@code /v0/pods/{pod_id}/...}: the pod must be in the key's scope (404 otherwise). The
     * thing found must then be in that pod, which shows the pod exists: a pod is deleted only once it is empty.
     */
    public static void podInScope(Principal caller, String podId) {
        if (!caller.reachesPod(podId)) {
            throw ApiException.notFound("Pod");
        }
    }

    /** Whether the caller reaches mail of this inbox (in this pod). */
    public static boolean reaches(Principal caller, String podId, String inboxId) {
        return caller.readsInbox(podId, inboxId);
    }
}
