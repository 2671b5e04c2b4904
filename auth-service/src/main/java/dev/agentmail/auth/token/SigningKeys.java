package dev.agentmail.auth.token;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * This replica's view of the signing keys: the database holds them (so all replicas sign with the same key and a
 * restart keeps it), memory holds the last load, refreshed on a schedule and whenever a token names a key not seen yet.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final SigningKeyStore store;
    private final IssuerConfig config;
    private final AtomicReference<KeyRing> ring = new AtomicReference<>();

    SigningKeys(SigningKeyStore store, IssuerConfig config) {
        this.store = store;
        this.config = config;
    }

    void createOnFirstStart(@Observes StartupEvent event) {
        // The startup thread, not an event loop: the service only serves once it can sign.
        KeyRing loaded = store.sealUnderCurrentSecret().chain(this::ensureActive).await().indefinitely();
        LOG.infof("signing internal tokens with key %s", loaded.active().kid());
    }

    @Scheduled(every = "${agentmail.auth.signing-keys.refresh-interval}",
            delayed = "${agentmail.auth.signing-keys.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return ensureActive().replaceWithVoid();
    }

    /** The key new tokens are signed with. */
    public Uni<SigningKey> active() {
        KeyRing current = ring.get();
        return current != null && current.active() != null
                ? Uni.createFrom().item(current.active())
                : ensureActive().map(KeyRing::active);
    }

    /**
     * The public key of a published key. A kid this replica does not know may come from a rotation another replica
     * just made, so it reloads, though not more often than the configured interval, as a stranger can name any kid.
     */
    public Uni<Optional<PublicKey>> verificationKey(String kid) {
        KeyRing current = ring.get();
        Optional<PublicKey> known = current == null ? Optional.empty() : current.verificationKey(kid);
        Instant reloadAfter = Instant.now().minus(config.signingKeys().unknownKidReloadInterval());
        if (known.isPresent() || (current != null && current.loadedAt().isAfter(reloadAfter))) {
            return Uni.createFrom().item(known);
        }
        return reload().map(fresh -> fresh.verificationKey(kid));
    }

    /** Loads the keys from the database and keeps them. */
    Uni<KeyRing> reload() {
        Instant started = Instant.now();
        return store.published(publicationWindow())
                .map(rows -> ring.accumulateAndGet(KeyRing.of(rows, started),
                        (kept, fresh) -> kept == null || !fresh.loadedAt().isBefore(kept.loadedAt()) ? fresh : kept));
    }

    /** Makes a new key the active one; the retired key stays published until the tokens it signed have expired. */
    public Uni<SigningKey> rotate() {
        return VertxContextSupport.executeBlocking(SigningKey::generate)
                .call(store::rotateTo)
                .call(this::reload)
                .invoke(key -> LOG.infof("rotated: signing internal tokens with key %s", key.kid()));
    }

    /** Loads the keys, first creating one if the table has no active key. */
    Uni<KeyRing> ensureActive() {
        return reload().flatMap(loaded -> loaded.active() != null
                ? Uni.createFrom().item(loaded)
                : VertxContextSupport.executeBlocking(SigningKey::generate)
                        .call(store::insertIfNoneActive)
                        .flatMap(created -> reload()));
    }

    /** A retired key signed tokens until the last replica noticed; those expire a token lifetime later. */
    private Duration publicationWindow() {
        return config.tokenLifetime().plus(config.signingKeys().retirementMargin());
    }
}
