package dev.agentmail.thread.directory;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Locks inboxes' directory rows until the transaction ends, in address order. Taken right before a transaction
 * appends events for those inboxes: events of one inbox then enter the outbox in commit order (see Outbox.append),
 * and two transactions over the same inboxes cannot deadlock. Taken last, after the transaction's other writes, so
 * that sends of one inbox wait for each other only for their appends and commit.
 */
public final class InboxLocks {

    private InboxLocks() {
    }

    public static Uni<Void> lock(Collection<String> inboxIds) {
        List<String> sorted = List.copyOf(new TreeSet<>(inboxIds));
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select inbox_id from inbox_directory where inbox_id in (?1) order by inbox_id for update")
                .setParameter(1, sorted).getResultList()).replaceWithVoid();
    }
}
