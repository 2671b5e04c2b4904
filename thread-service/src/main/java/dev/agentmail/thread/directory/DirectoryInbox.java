package dev.agentmail.thread.directory;

import dev.agentmail.runtime.inbox.AnnouncedInbox;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.List;

/**
 * One of our inboxes, as inbox.events told us: where its mail is stored, which organization and pod it belongs to,
 * and the name it sends as. thread-service never asks inbox-service.
 */
@Entity
@Table(name = "inbox_directory")
public class DirectoryInbox extends AnnouncedInbox {

    @Column(name = "display_name")
    public String displayName;

    /** The inbox, only if it belongs to the organization: another organization's inbox does not exist here. */
    public static Uni<DirectoryInbox> findInOrganization(String organizationId, String inboxId) {
        return find("inboxId = ?1 and organizationId = ?2", inboxId, organizationId).firstResult();
    }

    /** Which of these addresses are our inboxes, in any organization: mail to them is delivered here. */
    public static Uni<List<DirectoryInbox>> ours(Collection<String> addresses) {
        return list("inboxId in ?1", addresses);
    }
}
