package dev.agentmail.inbox.pod;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.inbox.inbox.Inbox;
import dev.agentmail.runtime.paging.Page;
import dev.agentmail.runtime.paging.PageRequest;
import dev.agentmail.runtime.paging.PageToken;
import dev.agentmail.runtime.security.Permission;
import dev.agentmail.runtime.security.Principal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * What a caller can do with pods. The organization's collection needs an organization key; a single pod is
 * reachable by an organization key and by the pod's own key, and is 404 for anyone else.
 */
@ApplicationScoped
public class Pods {

    private static final int MAX_LENGTH = 256;

    private final PodEvents events;

    Pods(PodEvents events) {
        this.events = events;
    }

    public Uni<PodJson.PodList> list(Principal caller, PageRequest page) {
        caller.require(Permission.POD_READ);
        caller.requireOrganizationScope("/v0/pods");
        return Pod.page(caller.organizationId(), page)
                .map(pods -> PodJson.PodList.of(
                        Page.of(pods, page, pod -> new PageToken(pod.createdAt, pod.id)), page.limit()));
    }

    /** A create with a client_id the organization has used before answers that pod, unchanged. */
    public Uni<PodJson.PodView> create(Principal caller, PodJson.CreateRequest request) {
        caller.require(Permission.POD_CREATE);
        caller.requireOrganizationScope("/v0/pods");
        PodJson.CreateRequest body = request == null ? new PodJson.CreateRequest(null, null) : request;
        checkLength("name", body.name());
        checkLength("client_id", body.clientId());
        Uni<Pod> earlier = body.clientId() == null ? Uni.createFrom().nullItem()
                : Pod.findByClientId(caller.organizationId(), body.clientId());
        return earlier.chain(pod -> pod != null ? Uni.createFrom().item(pod)
                        : persistNew(caller, body).call(events::created))
                .map(PodJson.PodView::of);
    }

    public Uni<PodJson.PodView> get(Principal caller, String podId) {
        caller.require(Permission.POD_READ);
        return reachable(caller, podId).map(PodJson.PodView::of);
    }

    /**
     * A pod that still has inboxes stays: deleting it would orphan them. So pod.deleted always follows the
     * inbox.deleted of every inbox the pod held (the inboxes' foreign key also refuses an inbox created in the pod
     * while it is being deleted), and consumers never see an inbox outlive its pod.
     */
    public Uni<Void> delete(Principal caller, String podId) {
        caller.require(Permission.POD_DELETE);
        return reachable(caller, podId)
                .call(pod -> Inbox.anyInPod(caller.organizationId(), pod.id).invoke(hasInboxes -> {
                    if (hasInboxes) {
                        throw ApiException.conflict("Pod " + pod.id + " still has inboxes; delete them first.");
                    }
                }))
                .chain(pod -> pod.delete().chain(() -> events.deleted(pod)));
    }

    /**
     * The organization's default pod, made the first time an inbox needs it, and announced like any created pod:
     * consumers learn of it from its own event, not only from its inboxes'.
     */
    public Uni<String> ensureDefault(String organizationId) {
        return Pod.insertDefault(organizationId)
                .chain(inserted -> !inserted ? Uni.createFrom().voidItem()
                        : Pod.findInOrganization(organizationId, Pod.DEFAULT_ID).chain(events::created))
                .replaceWith(Pod.DEFAULT_ID);
    }

    /** The pod, if it exists in the caller's organization and lies inside its scope; else 404. */
    public Uni<Pod> reachable(Principal caller, String podId) {
        if (!caller.reachesPod(podId)) {
            return Uni.createFrom().failure(ApiException.notFound("Pod"));
        }
        return Pod.findInOrganization(caller.organizationId(), podId).map(pod -> {
            if (pod == null) {
                throw ApiException.notFound("Pod");
            }
            return pod;
        });
    }

    private static Uni<Pod> persistNew(Principal caller, PodJson.CreateRequest request) {
        Pod pod = new Pod();
        pod.organizationId = caller.organizationId();
        pod.id = "pod_" + UUID.randomUUID().toString().replace("-", "");
        // The SDK lets the name out; the id then names the pod.
        pod.name = request.name() == null || request.name().isBlank() ? pod.id : request.name();
        pod.clientId = request.clientId();
        pod.createdAt = Pod.now();
        pod.updatedAt = pod.createdAt;
        return pod.persist();
    }

    private static void checkLength(String field, String value) {
        if (value != null && (value.isEmpty() || value.length() > MAX_LENGTH)) {
            throw ApiException.invalidField(field, "must be 1 to " + MAX_LENGTH + " characters");
        }
    }
}
