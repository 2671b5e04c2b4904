package dev.agentmail.inbox.pod;

import dev.agentmail.runtime.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A pod: a named group of an organization's inboxes. Its id is unique within the organization. */
@Entity
@Table(name = "pods")
@IdClass(Pod.Key.class)
public class Pod extends PanacheEntityBase {

    /** Every organization's default pod has this id: inboxes created without a pod land in it. */
    public static final String DEFAULT_ID = "pod_default";
    public static final String DEFAULT_NAME = "Default";

    @Id
    @Column(name = "organization_id")
    public String organizationId;

    @Id
    @Column(name = "pod_id")
    public String id;

    @Column(name = "name")
    public String name;

    @Column(name = "client_id")
    public String clientId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The composite primary key. */
    public record Key(String organizationId, String id) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    public static Uni<Pod> findInOrganization(String organizationId, String podId) {
        return find("organizationId = ?1 and id = ?2", organizationId, podId).firstResult();
    }

    public static Uni<Pod> findByClientId(String organizationId, String clientId) {
        return find("organizationId = ?1 and clientId = ?2", organizationId, clientId).firstResult();
    }

    /**
     * Inserts the organization's default pod unless it exists; answers whether it was inserted. An insert that
     * ignores a conflict lets two first inboxes of an organization, created at once, both succeed (the second
     * waits for the first's commit and inserts nothing).
     */
    static Uni<Boolean> insertDefault(String organizationId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into pods (organization_id, pod_id, name) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, organizationId)
                .setParameter(2, DEFAULT_ID)
                .setParameter(3, DEFAULT_NAME)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** One page of the organization's pods in creation order (newest first unless ascending), and one row more. */
    public static Uni<List<Pod>> page(String organizationId, PageRequest page) {
        StringBuilder query = new StringBuilder("organizationId = :organization");
        Parameters parameters = Parameters.with("organization", organizationId);
        page.appendAfter(query, parameters);
        return find(query.toString(), page.creationOrder(), parameters)
                .range(0, page.limit())
                .list();
    }

    /** PostgreSQL keeps microseconds; a timestamp that round-trips exactly keeps page tokens exact. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
