package dev.agentmail.inbox.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.runtime.paging.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The inboxes' wire records, AgentMail's shapes (snake_case by the service's Jackson naming). */
public final class InboxJson {

    private InboxJson() {
    }

    /** {@code Inbox}: the email is the inbox's id. */
    public record InboxView(String podId, String inboxId, String email, String displayName, String clientId,
                            Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {

        static InboxView of(Inbox inbox) {
            return new InboxView(inbox.podId, inbox.id, inbox.id, inbox.displayName, inbox.clientId,
                    inbox.metadata == null || inbox.metadata.isEmpty() ? null : inbox.metadata,
                    inbox.createdAt, inbox.updatedAt);
        }
    }

    /** {@code ListInboxesResponse} and {@code SearchInboxesResponse}. */
    public record InboxList(int count, int limit, String nextPageToken, List<InboxView> inboxes) {

        static InboxList of(Page<Inbox> page, int limit) {
            return new InboxList(page.items().size(), limit, page.nextToken(),
                    page.items().stream().map(InboxView::of).toList());
        }
    }

    /** {@code CreateInboxRequest}; metadata stays JSON so that its rules can name what is wrong with it. */
    public record CreateRequest(String username, String domain, String displayName, String clientId,
                                JsonNode metadata) {
    }
}
