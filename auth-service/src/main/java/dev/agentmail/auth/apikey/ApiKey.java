package dev.agentmail.auth.apikey;

import dev.agentmail.runtime.paging.PageRequest;
import dev.agentmail.runtime.security.Principal;
import dev.agentmail.runtime.security.ScopeType;
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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored API key: never its secret, only the secret's hash, its visible prefix, scope and permissions. */
@Entity
@Table(name = "api_keys")
public class ApiKey extends PanacheEntityBase {

    private static final String LIVE = "id = ?1 and organizationId = ?2 and revokedAt is null";

    @Id
    @Column(name = "api_key_id")
    public String id;

    @Column(name = "organization_id")
    public String organizationId;

    public String name;

    public String prefix;

    @Column(name = "key_hash")
    public byte[] keyHash;

    /** Set for pod keys and for inbox keys (their inbox's pod). */
    @Column(name = "pod_id")
    public String podId;

    @Column(name = "inbox_id")
    public String inboxId;

    /** The granted permission names; null when the key has no whitelist. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "permissions", columnDefinition = "text[]")
    public String[] permissions;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public ScopeType scopeType() {
        if (inboxId != null) {
            return ScopeType.INBOX;
        }
        return podId != null ? ScopeType.POD : ScopeType.ORGANIZATION;
    }

    public Permissions whitelist() {
        return Permissions.fromStored(permissions);
    }

    /** Who a request made with this key acts as: its scope and what its whitelist allows there. */
    public Principal principal() {
        ScopeType scope = scopeType();
        return new Principal(id, organizationId, scope, podId, inboxId,
                Permissions.names(whitelist().effectiveAt(scope)));
    }

    public boolean isActiveAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** The key with this hash, if any; whether it is still active is the caller's question. */
    public static Uni<ApiKey> findByHash(byte[] hash) {
        return find("keyHash", hash).firstResult();
    }

    /** A key of the organization that has not been revoked. */
    public static Uni<ApiKey> findLive(String organizationId, String apiKeyId) {
        return find(LIVE, apiKeyId, organizationId).firstResult();
    }

    /**
     * As {@link #findLive}, with the row locked until the transaction ends, for a change that writes the key back:
     * a change that read the key before a concurrent revocation committed would otherwise write the key back
     * unrevoked. A change that waited for the lock reads the key again and finds it revoked.
     */
    public static Uni<ApiKey> findLiveToChange(String organizationId, String apiKeyId) {
        return find(LIVE, apiKeyId, organizationId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * One page of the live keys in {@code collection}, in creation order (newest first unless ascending), and one
     * key more when there is a next page.
     */
    public static Uni<List<ApiKey>> page(String organizationId, KeyCollection collection, PageRequest page) {
        StringBuilder query = new StringBuilder("organizationId = :organization and revokedAt is null");
        Parameters parameters = Parameters.with("organization", organizationId);
        switch (collection.scopeType()) {
            case POD -> {
                query.append(" and podId = :pod");
                parameters.and("pod", collection.podId());
            }
            case INBOX -> {
                query.append(" and inboxId = :inbox");
                parameters.and("inbox", collection.inboxId());
            }
            case ORGANIZATION -> {
                // Every live key of the organization.
            }
        }
        page.appendAfter(query, parameters);
        return find(query.toString(), page.creationOrder(), parameters)
                .range(0, page.limit()) // both ends inclusive: limit + 1 rows
                .list();
    }

    /** PostgreSQL keeps microseconds; a timestamp that round-trips exactly keeps page tokens exact. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
