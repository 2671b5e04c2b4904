package dev.agentmail.auth.inbox;

import dev.agentmail.runtime.inbox.AnnouncedInbox;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An inbox that exists, as inbox.events told us; auth-service never asks inbox-service. */
@Entity
@Table(name = "known_inboxes")
public class KnownInbox extends AnnouncedInbox {

    /** The inbox, only if it belongs to the organization: another organization's inbox does not exist here. */
    public static Uni<KnownInbox> findInOrganization(String organizationId, String inboxId) {
        return find("inboxId = ?1 and organizationId = ?2", inboxId, organizationId).firstResult();
    }
}
