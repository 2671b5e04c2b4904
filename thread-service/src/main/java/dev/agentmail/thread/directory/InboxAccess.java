package dev.agentmail.thread.directory;

import dev.agentmail.runtime.consumer.TopicCatchUp;
import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.runtime.pod.KnownPods;
import dev.agentmail.runtime.security.Principal;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which inboxes and pods a caller reaches. An inbox in another organization, or outside the key's pod or inbox, is
 * 404 as if it did not exist; an inbox key works on its own inbox's mail (read, send, label, delete) as AgentMail's
 * inbox-scoped keys do.
 *
 * <p>An inbox or pod not in the directory yet may have just been created: its event is then caught up with before
 * the answer is 404 (TopicCatchUp), so a caller can use what it has just made.
 */
public final class InboxAccess {

    private InboxAccess() {
    }

    public static Uni<DirectoryInbox> inbox(Principal caller, String inboxId) {
        String id = inboxId == null ? "" : inboxId.toLowerCase(Locale.ROOT);
        return catchUp().orAfterCatchingUp(InboxEvents.TOPIC, id,
                () -> DirectoryInbox.findInOrganization(caller.organizationId(), id), Objects::nonNull).map(inbox -> {
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
        return catchUp().orAfterCatchingUp(InboxEvents.TOPIC, podId,
                () -> KnownPods.exists(caller.organizationId(), podId), Boolean::booleanValue).invoke(exists -> {
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

    /**
     * Which of these addresses are our inboxes, after catching up with those not in the directory yet: a message to
     * an inbox created a moment ago is delivered to it, not queued for the outside world.
     */
    public static Uni<List<DirectoryInbox>> ours(List<String> addresses) {
        return DirectoryInbox.ours(addresses).chain(found -> {
            if (found.size() == addresses.size()) {
                return Uni.createFrom().item(found);
            }
            Set<String> known = found.stream().map(inbox -> inbox.inboxId).collect(Collectors.toSet());
            List<String> unknown = addresses.stream().filter(address -> !known.contains(address)).toList();
            return catchUp().catchUp(InboxEvents.TOPIC, unknown).chain(() -> DirectoryInbox.ours(addresses));
        });
    }

    private static TopicCatchUp catchUp() {
        return Arc.container().instance(TopicCatchUp.class).get();
    }

    /** Whether the caller reaches mail of this inbox (in this pod). */
    public static boolean reaches(Principal caller, String podId, String inboxId) {
        return caller.readsInbox(podId, inboxId);
    }
}
