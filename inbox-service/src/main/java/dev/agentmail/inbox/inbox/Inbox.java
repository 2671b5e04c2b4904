package dev.agentmail.inbox.inbox;

import dev.agentmail.runtime.paging.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored inbox. Its id is its email address in lowercase, unique across the deployment. */
@Entity
@Table(name = "inboxes")
public class Inbox extends PanacheEntityBase {

    @Id
    @Column(name = "inbox_id")
    public String id;

    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "pod_id")
    public String podId;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "client_id")
    public String clientId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "metadata", columnDefinition = "jsonb")
    public Map<String, Object> metadata;

    @Column(name = "search_words")
    public String searchWords;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Uni<Inbox> findInOrganization(String organizationId, String inboxId) {
        return find("id = ?1 and organizationId = ?2", inboxId, organizationId).firstResult();
    }

    /**
     * The inbox, its row locked until the transaction ends: a PATCH merges into what it reads, so a change that
     * commits between its read and its write would otherwise be undone.
     */
    public static Uni<Inbox> findInOrganizationToChange(String organizationId, String inboxId) {
        return find("id = ?1 and organizationId = ?2", inboxId, organizationId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public static Uni<Inbox> findByClientId(String organizationId, String clientId) {
        return find("organizationId = ?1 and clientId = ?2", organizationId, clientId).firstResult();
    }

    /** Whether any inbox, in any organization, has this address: addresses are unique across the deployment. */
    public static Uni<Boolean> addressTaken(String inboxId) {
        return find("id", inboxId).firstResult().map(inbox -> inbox != null);
    }

    public static Uni<Boolean> anyInPod(String organizationId, String podId) {
        return find("organizationId = ?1 and podId = ?2", organizationId, podId).firstResult()
                .map(inbox -> inbox != null);
    }

    /**
     * One page of the organization's inboxes, or of one pod's when {@code podId} is set, in creation order (newest
     * first unless ascending), and one row more. Each page is one range of inboxes_page or inboxes_pod_page.
     */
    public static Uni<List<Inbox>> page(String organizationId, String podId, PageRequest page) {
        StringBuilder query = new StringBuilder("organizationId = :organization");
        Parameters parameters = Parameters.with("organization", organizationId);
        if (podId != null) {
            query.append(" and podId = :pod");
            parameters.and("pod", podId);
        }
        page.appendAfter(query, parameters);
        return find(query.toString(), page.creationOrder(), parameters)
                .range(0, page.limit())
                .list();
    }

    /**
     * Like {@link #page}, restricted to inboxes whose search words match {@code prefixQuery} (a tsquery, see
     * {@link SearchWords}). Native SQL, as the tsvector match has no HQL form; inboxes_search finds the rows.
     * It selects the mapped columns only: Hibernate cannot map a row that also holds search_vector.
     */
    public static Uni<List<Inbox>> search(String organizationId, String podId, String prefixQuery, PageRequest page) {
        String beyond = page.ascending() ? ">" : "<";
        String direction = page.ascending() ? "asc" : "desc";
        String sql = "select inbox_id, organization_id, pod_id, display_name, client_id, metadata, search_words,"
                + " created_at, updated_at from inboxes where organization_id = :organization"
                + " and search_vector @@ to_tsquery('simple', :query)"
                + (podId == null ? "" : " and pod_id = :pod")
                + (page.after() == null ? "" : " and (created_at, inbox_id) " + beyond + " (:afterTime, :afterId)")
                + " order by created_at " + direction + ", inbox_id " + direction
                + " limit :rows";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Inbox.class)
                    .setParameter("organization", organizationId)
                    .setParameter("query", prefixQuery)
                    .setParameter("rows", page.limit() + 1);
            if (podId != null) {
                query.setParameter("pod", podId);
            }
            if (page.after() != null) {
                query.setParameter("afterTime", page.after().createdAt()).setParameter("afterId", page.after().id());
            }
            return query.getResultList();
        });
    }

    /** PostgreSQL keeps microseconds; a timestamp that round-trips exactly keeps page tokens exact. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
