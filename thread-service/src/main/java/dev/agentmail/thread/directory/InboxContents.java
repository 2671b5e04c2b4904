package dev.agentmail.thread.directory;

import dev.agentmail.runtime.consumer.NativeUpdate;
import io.smallrye.mutiny.Uni;

/**
 * Everything stored for one inbox. Its tables are listed here, in an order that respects their references, so a
 * new table that holds an inbox's data is added in one place.
 */
final class InboxContents {

    // Drafts take their attachments, messages their raw content and queued deliveries with them (on delete cascade).
    private static final String[] TABLES = {"drafts", "messages", "threads"};

    private InboxContents() {
    }

    static Uni<Void> delete(String inboxId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String table : TABLES) {
            chain = chain.chain(() -> NativeUpdate.execute("delete from " + table + " where inbox_id = ?1", inboxId))
                    .replaceWithVoid();
        }
        return chain;
    }
}
