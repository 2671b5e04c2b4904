package dev.agentmail.runtime.consumer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * One SQL statement in the current Hibernate Reactive session, for the upserts and deletes that event consumers
 * make: plain SQL where an entity would need a read first.
 */
public final class NativeUpdate {

    private NativeUpdate() {
    }

    /** Runs {@code sql} with positional parameters {@code ?1, ?2, ...}; answers the number of rows it changed. */
    public static Uni<Integer> execute(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        });
    }
}
