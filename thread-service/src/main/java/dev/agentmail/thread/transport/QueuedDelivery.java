package dev.agentmail.thread.transport;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A recipient outside our inboxes that a sent message waits to be handed to the SMTP relay for (a later issue
 * works the queue). Status, attempts and the next attempt's time take the table's defaults.
 */
@Entity
@Table(name = "outgoing_queue")
public class QueuedDelivery extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "inbox_id")
    public String inboxId;

    @Column(name = "message_id")
    public String messageId;

    public String recipient;

    @Column(insertable = false, updatable = false)
    public String status;

    protected QueuedDelivery() {
    }

    public QueuedDelivery(String inboxId, String messageId, String recipient) {
        this.inboxId = inboxId;
        this.messageId = messageId;
        this.recipient = recipient;
    }
}
