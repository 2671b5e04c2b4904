package dev.agentmail.thread.draft;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.thread.label.Labels;
import dev.agentmail.thread.mailbox.InlineAttachments;
import dev.agentmail.thread.mailbox.MessageJson.AttachmentView;
import dev.agentmail.thread.mailbox.MessageJson.SendAttachment;
import dev.agentmail.thread.mailbox.Preview;
import java.time.Instant;
import java.util.List;

/** The drafts' wire records, AgentMail's shapes. */
public final class DraftJson {

    private DraftJson() {
    }

    /** {@code Draft}. */
    public record DraftView(String inboxId, String draftId, String clientId, List<String> labels,
                            List<String> replyTo, List<String> to, List<String> cc, List<String> bcc,
                            String subject, String preview, String text, String html,
                            List<AttachmentView> attachments, String inReplyTo, String forwardOf,
                            List<String> references, String sendStatus, Instant sendAt, Instant updatedAt,
                            Instant createdAt) {

        static DraftView of(Draft draft, List<AttachmentView> attachments) {
            return new DraftView(draft.inboxId, draft.draftId, draft.clientId, DraftJson.labels(draft),
                    emptyAsNull(draft.replyTo), emptyAsNull(draft.to), emptyAsNull(draft.cc),
                    emptyAsNull(draft.bcc), draft.subject, Preview.of(draft.text, draft.html), draft.text,
                    draft.html, attachments.isEmpty() ? null : attachments, draft.inReplyTo, draft.forwardOf,
                    emptyAsNull(draft.references), draft.sendStatus, draft.sendAt, draft.updatedAt,
                    draft.createdAt);
        }
    }

    /** {@code DraftItem}. */
    public record DraftItem(String inboxId, String draftId, List<String> labels, List<String> to, List<String> cc,
                            List<String> bcc, String subject, String preview, List<AttachmentView> attachments,
                            String inReplyTo, String forwardOf, String sendStatus, Instant sendAt,
                            Instant updatedAt) {

        static DraftItem of(Draft draft, List<AttachmentView> attachments) {
            return new DraftItem(draft.inboxId, draft.draftId, DraftJson.labels(draft), emptyAsNull(draft.to),
                    emptyAsNull(draft.cc), emptyAsNull(draft.bcc), draft.subject, Preview.of(draft.text, draft.html),
                    attachments.isEmpty() ? null : attachments, draft.inReplyTo, draft.forwardOf, draft.sendStatus,
                    draft.sendAt, draft.updatedAt);
        }
    }

    /** {@code ListDraftsResponse}. */
    public record DraftList(int count, int limit, String nextPageToken, List<DraftItem> drafts) {
    }

    /** {@code CreateDraftRequest}. */
    public record CreateRequest(List<String> labels, JsonNode replyTo, JsonNode to, JsonNode cc, JsonNode bcc,
                                String subject, String text, String html,
                                @JsonDeserialize(using = InlineAttachments.class) List<SendAttachment> attachments,
                                String inReplyTo, String forwardOf, Boolean replyAll, String sendAt,
                                String clientId) {
    }

    /**
     * {@code UpdateDraftRequest}: which fields are sent matters (one sent as null clears it), so they are kept as
     * JSON; only {@code add_attachments} is read as it comes ({@link InlineAttachments}), never as a JSON tree, whose
     * strings would hold the base64 whole.
     */
    public static final class UpdateRequest {

        private final ObjectNode fields = JsonNodeFactory.instance.objectNode();
        private List<SendAttachment> addAttachments = List.of();

        @JsonAnySetter
        void field(String name, JsonNode value) {
            fields.set(name, value);
        }

        @JsonProperty("add_attachments")
        @JsonDeserialize(using = InlineAttachments.class)
        void addAttachments(List<SendAttachment> attachments) {
            addAttachments = attachments == null ? List.of() : attachments;
        }

        /** Every field sent but add_attachments. */
        public ObjectNode fields() {
            return fields;
        }

        public List<SendAttachment> addAttachments() {
            return addAttachments;
        }
    }

    /** A draft shows the system label {@code draft} besides its own. */
    static List<String> labels(Draft draft) {
        return Labels.of(List.of("draft"), draft.labels == null ? List.of() : draft.labels);
    }

    private static <T> List<T> emptyAsNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
