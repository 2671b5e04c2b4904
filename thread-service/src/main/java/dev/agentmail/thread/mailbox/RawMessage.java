package dev.agentmail.thread.mailbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * The RFC 5322 message, byte for byte, as it was sent or received; read only for raw and attachment downloads.
 * Immutable, its content not updatable, so that Hibernate keeps no copy of the bytes to detect changes: a 25 MB
 * message stored or read would otherwise be held twice until its transaction ends.
 */
@Entity
@Immutable
@Table(name = "raw_messages")
@IdClass(Message.Key.class)
public class RawMessage extends PanacheEntityBase {

    @Id
    @Column(name = "inbox_id")
    public String inboxId;

    @Id
    @Column(name = "message_id")
    public String messageId;

    @Column(updatable = false)
    public byte[] content;

    protected RawMessage() {
    }

    public RawMessage(String inboxId, String messageId, byte[] content) {
        this.inboxId = inboxId;
        this.messageId = messageId;
        this.content = content;
    }
}
