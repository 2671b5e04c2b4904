package dev.agentmail.thread.mailbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A message as one inbox holds it (sent from it or received by it). The same Message-ID can be in several of our
 * inboxes, each with its own thread and labels. The raw message is in {@link RawMessage}.
 */
@Entity
@Table(name = "messages")
@IdClass(Message.Key.class)
public class Message extends PanacheEntityBase {

    /** The primary key: the inbox and the RFC 5322 Message-ID. */
    public static class Key implements Serializable {
        public String inboxId;
        public String messageId;

        public Key() {
        }

        public Key(String inboxId, String messageId) {
            this.inboxId = inboxId;
            this.messageId = messageId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.inboxId.equals(inboxId) && key.messageId.equals(messageId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(inboxId, messageId);
        }
    }

    @Id
    @Column(name = "inbox_id")
    public String inboxId;

    @Id
    @Column(name = "message_id")
    public String messageId;

    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "pod_id")
    public String podId;

    @Column(name = "thread_id")
    public String threadId;

    @Convert(converter = JsonColumns.Strings.class)
    @Column(name = "labels", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(labels as text)", write = "cast(cast(? as text) as jsonb)")
    public List<String> labels;

    /** When it was sent or received (AgentMail's {@code timestamp}). */
    @Column(name = "sent_at")
    public Instant timestamp;

    @Column(name = "from_address")
    public String from;

    @Convert(converter = JsonColumns.Strings.class)
    @Column(name = "reply_to", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(reply_to as text)", write = "cast(cast(? as text) as jsonb)")
    public List<String> replyTo;

    @Convert(converter = JsonColumns.Strings.class)
    @Column(name = "to_addresses", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(to_addresses as text)", write = "cast(cast(? as text) as jsonb)")
    public List<String> to;

    @Convert(converter = JsonColumns.Strings.class)
    @Column(name = "cc", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(cc as text)", write = "cast(cast(? as text) as jsonb)")
    public List<String> cc;

    @Convert(converter = JsonColumns.Strings.class)
    @Column(name = "bcc", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(bcc as text)", write = "cast(cast(? as text) as jsonb)")
    public List<String> bcc;

    public String subject;

    public String preview;

    @Column(name = "text_body")
    public String text;

    @Column(name = "html_body")
    public String html;

    @Column(name = "in_reply_to")
    public String inReplyTo;

    @Convert(converter = JsonColumns.Strings.class)
    @Column(name = "reference_ids", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(reference_ids as text)", write = "cast(cast(? as text) as jsonb)")
    public List<String> references;

    @Convert(converter = JsonColumns.StringMap.class)
    @Column(name = "headers", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(headers as text)", write = "cast(cast(? as text) as jsonb)")
    public Map<String, String> headers;

    @Convert(converter = JsonColumns.Attachments.class)
    @Column(name = "attachments", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(attachments as text)", write = "cast(cast(? as text) as jsonb)")
    public List<StoredAttachment> attachments;

    /** Of the raw message, in bytes. */
    public long size;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Uni<Message> findInInbox(String inboxId, String messageId) {
        return find("inboxId = ?1 and messageId = ?2", inboxId, messageId).firstResult();
    }

    /**
     * The message, its row locked until the transaction ends: a change of its labels merges into what it reads, so
     * a change that commits in between would otherwise be undone.
     */
    public static Uni<Message> findInInboxToChange(String inboxId, String messageId) {
        return find("inboxId = ?1 and messageId = ?2", inboxId, messageId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public static Uni<List<Message>> inThread(String threadId) {
        return list("threadId = ?1 order by timestamp, messageId", threadId);
    }

    /**
     * The thread's messages, their rows locked until the transaction ends, in message_id order: the order in which
     * every writer that changes several messages locks them, so that two cannot deadlock.
     */
    public static Uni<List<Message>> inThreadToChange(String threadId) {
        return find("threadId = ?1 order by messageId", threadId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** This message as its thread's summary needs it after it was stored or relabelled. */
    public ThreadSummary.Stored stored() {
        return new ThreadSummary.Stored(threadId, inboxId, messageId, timestamp);
    }

    /** PostgreSQL keeps microseconds; a timestamp that round-trips exactly keeps page tokens exact. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
