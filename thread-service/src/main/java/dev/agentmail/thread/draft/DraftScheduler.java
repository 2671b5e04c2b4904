package dev.agentmail.thread.draft;

import dev.agentmail.runtime.error.ApiException;
import dev.agentmail.thread.directory.DirectoryInbox;
import dev.agentmail.thread.message.MessageTooLarge;
import dev.agentmail.thread.mime.InvalidMail;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Sends scheduled drafts once their {@code send_at} has come. The schedule is only the drafts table, so it survives
 * restarts: whichever replica runs next sends what is due, including what came due while none ran. A draft is
 * claimed (send_status 'sending', committed) with FOR UPDATE SKIP LOCKED before it is sent, so replicas never send
 * one twice; a claim older than {@code agentmail.thread.drafts.reclaim-after} (its sender died mid-way, or the
 * send failed for a reason of ours, such as the database going away) is taken up again, so no scheduled send is
 * lost to a fault. Only a draft that cannot be sent as it is (an address that does not parse, a message too
 * large) is marked 'failed', and stays for the client to see.
 */
@ApplicationScoped
public class DraftScheduler {

    private static final Logger LOG = Logger.getLogger(DraftScheduler.class);
    /** The most drafts one run sends; the rest wait for the next run, a second later. */
    private static final int BATCH = 50;

    private static final String CLAIM = """
            update drafts set send_status = 'sending', updated_at = now()
            where draft_id = (select draft_id from drafts
                              where (send_status = 'scheduled' and send_at <= now())
                                 or (send_status = 'sending' and updated_at < now() - make_interval(secs => ?1))
                              order by send_at limit 1 for update skip locked)
            returning draft_id""";

    private final Drafts drafts;
    private final Duration reclaimAfter;
    private volatile boolean paused;

    DraftScheduler(Drafts drafts, SchedulerConfig config) {
        this.drafts = drafts;
        this.reclaimAfter = config.reclaimAfter();
    }

    @Scheduled(every = "${agentmail.thread.drafts.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sendDue() {
        return paused ? Uni.createFrom().voidItem() : sendNext(BATCH);
    }

    /** Once the service stops, no new send starts: the database pool is about to close under it. */
    void stop(@Observes ShutdownEvent event) {
        paused = true;
    }

    /** Stops sending until {@link #resume()}, as if no replica ran (for tests of what a restart finds). */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    private Uni<Void> sendNext(int left) {
        if (left == 0 || paused) {
            return Uni.createFrom().voidItem();
        }
        return claim().chain(draftId -> draftId == null ? Uni.createFrom().voidItem()
                : send(draftId).chain(() -> sendNext(left - 1)));
    }

    private Uni<String> claim() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session ->
                session.createNativeQuery(CLAIM, String.class)
                        .setParameter(1, reclaimAfter.toMillis() / 1000.0)
                        .getResultList()))
                .map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    private Uni<Void> send(String draftId) {
        return Panache.withSession(() -> Draft.<Draft>findById(draftId).chain(draft -> draft == null
                        ? Uni.createFrom().voidItem()
                        : DirectoryInbox.<DirectoryInbox>findById(draft.inboxId).chain(inbox -> inbox == null
                                ? Uni.createFrom().voidItem()
                                : drafts.sendNow(inbox, draft).replaceWithVoid())))
                .onFailure(DraftScheduler::refusesTheDraft).recoverWithUni(failure -> {
                    LOG.warnf("scheduled draft %s cannot be sent: %s", draftId, failure.getMessage());
                    return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                            .createNativeQuery("update drafts set send_status = 'failed', updated_at = now()"
                                    + " where draft_id = ?1").setParameter(1, draftId).executeUpdate()))
                            .replaceWithVoid();
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.infof("scheduled draft %s not sent now, tried again in %s: %s", draftId, reclaimAfter,
                            failure.getMessage());
                    return null;
                });
    }

    /** A failure that sending again would meet again: the draft itself is refused, not the moment. */
    private static boolean refusesTheDraft(Throwable failure) {
        return failure instanceof ApiException || failure instanceof InvalidMail
                || failure instanceof MessageTooLarge;
    }
}
