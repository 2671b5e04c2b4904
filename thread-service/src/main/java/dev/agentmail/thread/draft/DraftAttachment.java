package dev.agentmail.thread.draft;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An attachment of a draft, decoded, kept until the draft is sent or deleted. */
@Entity
@Table(name = "draft_attachments")
public class DraftAttachment extends PanacheEntityBase {

    @Id
    @Column(name = "attachment_id")
    public String attachmentId;

    @Column(name = "draft_id")
    public String draftId;

    public int position;

    public String filename;

    @Column(name = "content_type")
    public String contentType;

    public String disposition;

    @Column(name = "content_id")
    public String contentId;

    public long size;

    public byte[] content;
}
