package dev.agentmail.runtime.inbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * An inbox as inbox.events announced it: the columns of every service's own copy of the inboxes, which it keeps
 * through {@link InboxTopicReader} and never asks inbox-service for.
 */
@MappedSuperclass
public abstract class AnnouncedInbox extends PanacheEntityBase {

    /** The address, lowercase. */
    @Id
    @Column(name = "inbox_id")
    public String inboxId;

    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "pod_id")
    public String podId;
}
