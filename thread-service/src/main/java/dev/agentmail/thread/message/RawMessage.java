package dev.agentmail.thread.message;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The RFC 5322 message, byte for byte, as it was sent or received; read only for raw and attachment downloads. */
@Entity
@Table(name = "raw_messages")
@IdClass(Message.Key.class)
public class RawMessage extends PanacheEntityBase {

    @Id
    @Column(name = "inbox_id")
    public String inboxId;

    @Id
    @Column(name = "message_id")
    public String messageId;

    public byte[] content;

    protected RawMessage() {
    }

    public RawMessage(String inboxId, String messageId, byte[] content) {
        this.inboxId = inboxId;
        this.messageId = messageId;
        this.content = content;
    }
}
