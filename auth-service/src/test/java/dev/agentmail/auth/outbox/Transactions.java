package dev.agentmail.auth.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/** Runs work the way a request of this service does: in a Hibernate Reactive transaction on a Vert.x context. */
final class Transactions {

    private Transactions() {
    }

    /** Runs {@code work} in one transaction, waits for its commit and returns what the work produced. */
    static <T> T commit(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }

    /** Runs {@code work} in one transaction, then rolls it back and returns what the work produced. */
    static <T> T rollBack(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> work.get()
                .call(() -> Panache.currentTransaction().invoke(Mutiny.Transaction::markForRollback))));
    }
}
