package dev.agentmail.runtime.pod;

import dev.agentmail.runtime.consumer.NativeUpdate;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The pods that exist, for a service that follows inbox.events (docs/events.md) rather than asking inbox-service:
 * known by their own pod.created and pod.deleted, and by the inbox events that name them. A deleted pod stays as a
 * tombstone that only its pod.created lifts, so an older inbox event read after the deletion (inbox events are on
 * other keys, so other partitions) does not bring it back.
 *
 * <p>The service's migrations create the table: {@code known_pods (organization_id text, pod_id text, deleted_at
 * timestamptz, primary key (organization_id, pod_id))}. The writes run in the consumer's transaction
 * ({@link dev.agentmail.runtime.consumer.ProcessedEvents#applyOnce}), the lookup in a request's session.
 */
public final class KnownPods {

    private KnownPods() {
    }

    /** Whether the pod exists in the organization: another organization's pod does not exist here. */
    public static Uni<Boolean> exists(String organizationId, String podId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select 1 from known_pods
                        where organization_id = ?1 and pod_id = ?2 and deleted_at is null""")
                .setParameter(1, organizationId)
                .setParameter(2, podId)
                .getResultList())
                .map(rows -> !rows.isEmpty());
    }

    /** pod.created: the pod exists, also if it existed before and was deleted (a re-made pod_default). */
    public static Uni<Void> created(String organizationId, String podId) {
        return NativeUpdate.execute("""
                        insert into known_pods (organization_id, pod_id) values (?1, ?2)
                        on conflict (organization_id, pod_id) do update set deleted_at = null""",
                organizationId, podId).replaceWithVoid();
    }

    /** An inbox event names the pod: it exists, unless its deletion was read already. */
    public static Uni<Void> named(String organizationId, String podId) {
        return NativeUpdate.execute("""
                        insert into known_pods (organization_id, pod_id) values (?1, ?2)
                        on conflict (organization_id, pod_id) do nothing""",
                organizationId, podId).replaceWithVoid();
    }

    /** pod.deleted: the pod is gone, and stays gone until a pod.created of the same id. */
    public static Uni<Void> deleted(String organizationId, String podId) {
        return NativeUpdate.execute("""
                        insert into known_pods (organization_id, pod_id, deleted_at) values (?1, ?2, now())
                        on conflict (organization_id, pod_id) do update set deleted_at = now()""",
                organizationId, podId).replaceWithVoid();
    }
}
