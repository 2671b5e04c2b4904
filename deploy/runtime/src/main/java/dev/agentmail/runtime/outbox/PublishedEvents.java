package dev.agentmail.runtime.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Which outbox rows have been published, for requests that wait for theirs: the relay of this replica says so
 * directly, the relay of another through a database notification. A row published before anyone waits for it is
 * remembered for a while, so that a late waiter does not wait in vain.
 */
@ApplicationScoped
class PublishedEvents {

    private static final Logger LOG = Logger.getLogger(PublishedEvents.class);

    /** How many published row ids are remembered for late waiters: many seconds of events at any rate seen. */
    private static final int REMEMBERED = 50_000;

    private final Map<Long, List<Runnable>> waiting = new HashMap<>();
    private final Map<Long, Boolean> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The relay published these rows (Kafka committed their records). */
    void published(Collection<Long> ids) {
        List<Runnable> done = new ArrayList<>();
        synchronized (this) {
            for (Long id : ids) {
                recent.put(id, Boolean.TRUE);
                List<Runnable> waiters = waiting.remove(id);
                if (waiters != null) {
                    done.addAll(waiters);
                }
            }
        }
        done.forEach(Runnable::run);
    }

    /** A notification from the relay of some replica: the ids it published, separated by commas. */
    void announced(String payload) {
        List<Long> ids = new ArrayList<>();
        for (String id : payload.split(",")) {
            if (!id.isBlank()) {
                ids.add(Long.parseLong(id.trim()));
            }
        }
        published(ids);
    }

    /**
     * Completes once every one of the rows is published, or after {@code atMost} (logged, not failed: the events
     * are still in the outbox and will go out; the caller's change is done). Completes on the caller's context.
     */
    Uni<Void> await(List<Long> ids, Duration atMost) {
        Context caller = Vertx.currentContext();
        AtomicInteger left = new AtomicInteger(ids.size());
        List<Runnable> registered = new ArrayList<>();
        return Uni.createFrom().<Void>emitter(emitter -> {
                    Runnable onePublished = () -> {
                        if (left.decrementAndGet() == 0) {
                            if (caller == null) {
                                emitter.complete(null);
                            } else {
                                caller.runOnContext(ignored -> emitter.complete(null));
                            }
                        }
                    };
                    List<Runnable> alreadyPublished = new ArrayList<>();
                    synchronized (this) {
                        for (Long id : ids) {
                            if (recent.containsKey(id)) {
                                alreadyPublished.add(onePublished);
                            } else {
                                waiting.computeIfAbsent(id, key -> new ArrayList<>()).add(onePublished);
                                registered.add(onePublished);
                            }
                        }
                    }
                    alreadyPublished.forEach(Runnable::run);
                })
                .ifNoItem().after(atMost).recoverWithUni(() -> {
                    LOG.debugf("answering before %d of the request's events were published", left.get());
                    return Uni.createFrom().voidItem();
                })
                .onTermination().invoke(() -> forget(ids, registered));
    }

    private synchronized void forget(List<Long> ids, List<Runnable> registered) {
        for (Long id : ids) {
            List<Runnable> waiters = waiting.get(id);
            if (waiters != null) {
                waiters.removeAll(registered);
                if (waiters.isEmpty()) {
                    waiting.remove(id);
                }
            }
        }
    }
}
