package dev.agentmail.thread.mailbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** A draft's attachments as metadata, read without their content. */
public final class DraftAttachments {

    private DraftAttachments() {
    }

    /** The draft's attachments in order. */
    public static Uni<List<StoredAttachment>> of(String draftId) {
        return query("where draft_id = ?1 order by position", draftId, null);
    }

    /** One attachment of the draft, or null. */
    public static Uni<StoredAttachment> metadata(String draftId, String attachmentId) {
        return query("where draft_id = ?1 and attachment_id = ?2", draftId, attachmentId)
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    private static Uni<List<StoredAttachment>> query(String where, String draftId, String attachmentId) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery("select attachment_id, position, filename, content_type,"
                    + " disposition, content_id, size from draft_attachments " + where, Object[].class)
                    .setParameter(1, draftId);
            if (attachmentId != null) {
                query.setParameter(2, attachmentId);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new StoredAttachment((String) row[0], ((Number) row[1]).intValue(),
                (String) row[2], (String) row[3], (String) row[4], (String) row[5],
                ((Number) row[6]).longValue())).toList());
    }
}
