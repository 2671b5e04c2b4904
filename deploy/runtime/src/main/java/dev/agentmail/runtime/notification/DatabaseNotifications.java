package dev.agentmail.runtime.notification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * PostgreSQL's LISTEN/NOTIFY for this service: a notification sent in any replica's transaction reaches every
 * replica when that transaction commits, and not at all when it rolls back. That is what lets a write wake the
 * outbox relay and a waiting request at once, across replicas, without polling.
 *
 * <p>One pooled connection is kept listening. Notifications sent while it is down are lost, so when a new one is
 * listening again every {@link #onReconnect} action runs: each user looks at its table for what it may have missed.
 */
@ApplicationScoped
public class DatabaseNotifications {

    private static final Logger LOG = Logger.getLogger(DatabaseNotifications.class);
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

    private final Pool pool;
    private final Vertx vertx;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> reconnectActions = new CopyOnWriteArrayList<>();
    private volatile SqlConnection listening;
    private volatile boolean stopped;
    private volatile boolean lostOnce;

    DatabaseNotifications(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    /** Calls {@code handler} with the payload of every notification on {@code channel}, on a Vert.x event loop. */
    public void listen(String channel, Consumer<String> handler) {
        boolean newChannel = handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).isEmpty();
        handlers.get(channel).add(handler);
        SqlConnection connection = listening;
        if (newChannel && connection != null) {
            connection.query("listen " + channel).execute().subscribe().with(rows -> { }, this::lost);
        }
    }

    /** Runs {@code action} whenever listening resumes after the connection was lost. */
    public void onReconnect(Runnable action) {
        reconnectActions.add(action);
    }

    void start(@Observes StartupEvent started) {
        connect();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        SqlConnection connection = listening;
        if (connection != null) {
            connection.closeAndForget();
        }
    }

    private void connect() {
        if (stopped) {
            return;
        }
        pool.getConnection().chain(connection -> {
            PgConnection pg = PgConnection.cast(connection);
            pg.notificationHandler(notification -> dispatch(notification.getChannel(), notification.getPayload()));
            pg.closeHandler(() -> lost(null));
            listening = connection;
            String listens = handlers.keySet().stream().map(channel -> "listen " + channel + ";")
                    .collect(Collectors.joining(" "));
            return listens.isEmpty() ? Uni.createFrom().voidItem()
                    : connection.query(listens).execute().replaceWithVoid();
        }).subscribe().with(listeningAgain -> {
            if (lostOnce) {
                LOG.info("listening to database notifications again");
                reconnectActions.forEach(Runnable::run);
            }
        }, this::lost);
    }

    private void lost(Throwable failure) {
        SqlConnection connection = listening;
        listening = null;
        if (stopped || connection == null && failure == null) {
            return;
        }
        if (!lostOnce || failure != null) {
            LOG.warnf("database notifications: the listening connection was lost (%s); reconnecting",
                    failure == null ? "closed" : failure.getMessage());
        }
        lostOnce = true;
        if (connection != null) {
            connection.closeAndForget();
        }
        vertx.setTimer(RECONNECT_AFTER.toMillis(), timer -> connect());
    }

    private void dispatch(String channel, String payload) {
        List<Consumer<String>> listeners = handlers.get(channel);
        if (listeners != null) {
            listeners.forEach(listener -> listener.accept(payload));
        }
    }
}
