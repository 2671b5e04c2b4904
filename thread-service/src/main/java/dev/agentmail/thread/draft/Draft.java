package dev.agentmail.thread.draft;

import dev.agentmail.thread.mailbox.JsonColumns;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.ColumnTransformer;

/** A draft of one inbox; its attachments are {@link DraftAttachment}s. */
@Entity
@Table(name = "drafts")
public class Draft extends PanacheEntityBase {

    public static final String SCHEDULED = "scheduled";
    public static final String SENDING = "sending";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "draft_id")
    public String draftId;

    @Column(name = "inbox_id")
    public String inboxId;

    @Column(name = "organization_id")
    public String organizationId;

    @Column(name = "pod_id")
    public String podId;

    @Column(name = "client_id")
    public String clientId;

    @Convert(converter = JsonColumns.Strings.class)
    @Column(name = "labels", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(labels as text)", write = "cast(cast(? as text) as jsonb)")
    public List<String> labels;

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

    @Column(name = "text_body")
    public String text;

    @Column(name = "html_body")
    public String html;

    @Column(name = "in_reply_to")
    public String inReplyTo;

    @Column(name = "forward_of")
    public String forwardOf;

    @Column(name = "reply_all")
    public boolean replyAll;

    @Convert(converter = JsonColumns.Strings.class)
    @Column(name = "reference_ids", columnDefinition = "jsonb")
    @ColumnTransformer(read = "cast(reference_ids as text)", write = "cast(cast(? as text) as jsonb)")
    public List<String> references;

    @Column(name = "send_status")
    public String sendStatus;

    @Column(name = "send_at")
    public Instant sendAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
