package dev.agentmail.auth.organization;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An organization: the tenant every key, inbox and message belongs to. */
@Entity
@Table(name = "organizations")
public class Organization extends PanacheEntityBase {

    @Id
    @Column(name = "organization_id")
    public String id;

    public String name;

    @Column(name = "inbox_count")
    public int inboxCount;

    @Column(name = "domain_count")
    public int domainCount;

    @Column(name = "inbox_limit")
    public Integer inboxLimit;

    @Column(name = "domain_limit")
    public Integer domainLimit;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
