package dev.agentmail.thread.mailbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A thread of one inbox. Everything but its identity and owners is a summary of its messages, written by
 * {@link ThreadSummary} and never by hand.
 */
@Entity
@Table(name = "threads")
public class MailThread extends PanacheEntityBase {

    @Id
    @Column(name = "thread_id")
    public String threadId;

    @Column(name = "inbox_id")
    public String inboxId;

    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "pod_id")
    public String podId;

    @Convert(converter = JsonColumns.Strings.class)
    @Column(name = "labels", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(labels as text)", write = "cast(cast(? as text) as jsonb)")
    public List<String> labels;

    @Column(name = "last_message_at")
    public Instant timestamp;

    @Column(name = "received_at")
    public Instant receivedTimestamp;

    @Column(name = "sent_at")
    public Instant sentTimestamp;

    @Convert(converter = JsonColumns.Strings.class)
    @Column(name = "senders", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(senders as text)", write = "cast(cast(? as text) as jsonb)")
    public List<String> senders;

    @Convert(converter = JsonColumns.Strings.class)
    @Column(name = "recipients", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(recipients as text)", write = "cast(cast(? as text) as jsonb)")
    public List<String> recipients;

    public String subject;

    public String preview;

    @Convert(converter = JsonColumns.Attachments.class)
    @Column(name = "attachments", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(attachments as text)", write = "cast(cast(? as text) as jsonb)")
    public List<StoredAttachment> attachments;

    @Column(name = "last_message_id")
    public String lastMessageId;

    @Column(name = "message_count")
    public int messageCount;

    public long size;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A new, empty thread for the first message; its summary is written once the message is stored. */
    public static MailThread startedBy(String inboxId, String organizationId, String podId, String messageId,
                                       Instant at) {
        MailThread thread = new MailThread();
        thread.threadId = UUID.randomUUID().toString();
        thread.inboxId = inboxId;
        thread.organizationId = organizationId;
        thread.podId = podId;
        thread.labels = List.of();
        thread.senders = List.of();
        thread.recipients = List.of();
        thread.timestamp = at;
        thread.lastMessageId = messageId;
        thread.createdAt = at;
        thread.updatedAt = at;
        return thread;
    }

    public static Uni<MailThread> findInOrganization(String organizationId, String threadId) {
        return find("threadId = ?1 and organizationId = ?2", threadId, organizationId).firstResult();
    }
}
