package dev.agentmail.thread.mailbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes a thread's summary from its messages, in the caller's transaction, after any change to them (a message
 * added, relabelled or deleted): labels as the union of the messages' labels, senders and recipients in order of
 * first appearance, the first message's subject, the last one's preview and id, the latest sent and received times,
 * every attachment, the count and total size. A thread left without messages is deleted.
 */
public final class ThreadSummary {

    // One statement, so a summary is never half written; "@>" rather than "?" because Hibernate takes "?" for a
    // parameter. Ties in time are broken by message_id, as in every ordering of messages.
    static final String REFRESH = """
            update threads t set
              labels = coalesce((select jsonb_agg(distinct l order by l) from messages m
                                 cross join lateral jsonb_array_elements_text(m.labels) l
                                 where m.thread_id = t.thread_id), '[]'::jsonb),
              last_message_at = s.last_at,
              received_at = s.received_at,
              sent_at = s.sent_at,
              senders = coalesce((select jsonb_agg(f order by first_at, f) from
                                   (select from_address f, min(sent_at) first_at from messages
                                    where thread_id = t.thread_id group by from_address) x), '[]'::jsonb),
              recipients = coalesce((select jsonb_agg(r order by first_at, r) from
                                      (select r, min(m.sent_at) first_at from messages m
                                       cross join lateral jsonb_array_elements_text(m.to_addresses
                                           || coalesce(m.cc, '[]'::jsonb) || coalesce(m.bcc, '[]'::jsonb)) r
                                       where m.thread_id = t.thread_id group by r) x), '[]'::jsonb),
              subject = (select subject from messages where thread_id = t.thread_id
                         order by sent_at, message_id limit 1),
              preview = last.preview,
              last_message_id = last.message_id,
              attachments = (select jsonb_agg(a order by m.sent_at, m.message_id) from messages m
                             cross join lateral jsonb_array_elements(coalesce(m.attachments, '[]'::jsonb)) a
                             where m.thread_id = t.thread_id),
              message_count = s.n,
              size = s.total,
              updated_at = now()
            from (select max(sent_at) last_at,
                         max(sent_at) filter (where labels @> '["received"]'::jsonb) received_at,
                         max(sent_at) filter (where labels @> '["sent"]'::jsonb) sent_at,
                         count(*) n, sum(size) total
                  from messages where thread_id = ?1) s,
                 (select message_id, preview from messages where thread_id = ?1
                  order by sent_at desc, message_id desc limit 1) last
            where t.thread_id = ?1""";

    /**
     * A message later than everything its thread's summary counts, added to the summary from the message alone: the
     * result is what REFRESH would write, without reading the thread's other messages. Its senders and recipients not
     * seen before go last (they appear first now), its labels join the union, it is the last message, and counts and
     * size grow by one message. The condition is what makes it safe: a message already counted (relabelled, say) or
     * no later than the thread's latest matches no row, and the caller summarizes the thread whole instead. Under
     * READ COMMITTED an update that waited for another's lock on the row checks the condition and computes from the
     * row as that one committed it, so concurrent additions each count once.
     */
    static final String ADD_LATEST = """
            update threads t set
              labels = (select coalesce(jsonb_agg(distinct l order by l), '[]'::jsonb) from
                        (select jsonb_array_elements_text(t.labels) l
                         union all select jsonb_array_elements_text(m.labels)) x),
              last_message_at = m.sent_at,
              received_at = case when m.labels @> '["received"]'::jsonb then m.sent_at else t.received_at end,
              sent_at = case when m.labels @> '["sent"]'::jsonb then m.sent_at else t.sent_at end,
              senders = case when t.senders @> jsonb_build_array(m.from_address) then t.senders
                             else t.senders || jsonb_build_array(m.from_address) end,
              recipients = t.recipients || coalesce((select jsonb_agg(r order by r) from
                             (select distinct r from jsonb_array_elements_text(m.to_addresses
                                  || coalesce(m.cc, '[]'::jsonb) || coalesce(m.bcc, '[]'::jsonb)) r) x
                             where not t.recipients @> jsonb_build_array(r)), '[]'::jsonb),
              subject = case when t.message_count = 0 then m.subject else t.subject end,
              preview = m.preview,
              last_message_id = m.message_id,
              attachments = case when coalesce(jsonb_array_length(m.attachments), 0) = 0 then t.attachments
                                 else coalesce(t.attachments, '[]'::jsonb) || m.attachments end,
              message_count = t.message_count + 1,
              size = t.size + m.size,
              updated_at = now()
            from messages m
            where m.inbox_id = ?1 and m.message_id = ?2 and t.thread_id = m.thread_id
              and (t.message_count = 0 or m.sent_at > t.last_message_at)""";

    private static final String LOCK = "select thread_id from threads where thread_id = ?1 for no key update";

    private static final String DELETE_IF_EMPTY =
            "delete from threads where thread_id = ?1 and not exists (select 1 from messages where thread_id = ?1)";

    private ThreadSummary() {
    }

    /**
     * Flushes pending changes first, so that the summary sees them. The thread's row is locked by a statement of its
     * own before the summary is written: under READ COMMITTED an UPDATE that waits for another transaction's lock on
     * the row still reads the messages as they were when it started, so two messages added to one thread at the
     * same moment would leave a count that misses one. The statement after the lock reads what that transaction
     * committed. The lock is the one the UPDATE itself takes (no key update), which does not wait for the key-share
     * locks that other transactions' new messages hold on the thread through their foreign key.
     */
    public static Uni<Void> refresh(String threadId) {
        return Panache.getSession().chain(session -> session.flush()
                // Run as an update: its rows are not needed, and Hibernate Reactive 3.2 adds a query plan to its
                // cache on every run of a native select (its result mapping has no equals), all with one hash,
                // until each lookup walks thousands of them. An update's plan is cached once.
                .chain(() -> session.createNativeQuery(LOCK).setParameter(1, threadId).executeUpdate())
                .chain(() -> session.createNativeQuery(REFRESH).setParameter(1, threadId).executeUpdate())
                .chain(updated -> updated > 0 ? Uni.createFrom().voidItem()
                        : session.createNativeQuery(DELETE_IF_EMPTY).setParameter(1, threadId).executeUpdate()
                                .replaceWithVoid()));
    }

    /**
     * The thread as its summary now stands, read again: the summary was written behind the session's back, so the
     * session's instance (flushed already) is let go and the row loaded anew. Null if the thread went with its last
     * message.
     */
    public static Uni<MailThread> refreshed(MailThread thread) {
        return refresh(thread.threadId).chain(() -> current(thread.threadId));
    }

    /** The thread's row as it is now in this transaction, not the session's possibly older instance. */
    public static Uni<MailThread> current(String threadId) {
        return Panache.getSession().chain(session -> session.find(MailThread.class, threadId).chain(cached -> {
            if (cached == null) {
                return Uni.createFrom().nullItem();
            }
            session.detach(cached);
            return session.find(MailThread.class, threadId);
        }));
    }

    /** A message just stored, or relabelled, in its thread: what {@link #afterStoring} needs of it. */
    public record Stored(String threadId, String inboxId, String messageId, Instant at) {
    }

    /**
     * Brings the summaries of the threads these messages were just stored in up to date, in thread_id order as
     * {@link #refreshAll}. A message later than all its thread counts (every message sent or delivered now) is added
     * in one statement that reads only it ({@link #ADD_LATEST}); any other has its thread summarized whole. A send
     * thus costs the same on a thread of a thousand messages as on a new one.
     */
    public static Uni<Void> afterStoring(Collection<Stored> messages) {
        List<Stored> ordered = messages.stream()
                .sorted(Comparator.comparing(Stored::threadId).thenComparing(Stored::at)
                        .thenComparing(Stored::messageId))
                .toList();
        return Panache.getSession().chain(session -> {
            Uni<Void> chain = session.flush();
            for (Stored message : ordered) {
                chain = chain.chain(() -> session.createNativeQuery(ADD_LATEST)
                        .setParameter(1, message.inboxId()).setParameter(2, message.messageId()).executeUpdate()
                        .chain(added -> added > 0 ? Uni.createFrom().voidItem() : refresh(message.threadId())));
            }
            return chain;
        });
    }

    /**
     * Refreshes several threads in thread_id order: two transactions that both touch the same threads (two inboxes
     * replying to each other at once) then take their row locks in the same order and cannot deadlock.
     */
    public static Uni<Void> refreshAll(Collection<String> threadIds) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String threadId : new TreeSet<>(threadIds)) {
            chain = chain.chain(() -> refresh(threadId));
        }
        return chain;
    }
}
