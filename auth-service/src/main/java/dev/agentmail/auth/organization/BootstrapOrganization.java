package dev.agentmail.auth.organization;

import dev.agentmail.auth.apikey.ApiKey;
import dev.agentmail.auth.apikey.ApiKeySecret;
import dev.agentmail.auth.apikey.ApiKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * On start, the organization a fresh deployment serves, and its owner's key when an operator configured one
 * ({@code AGENTMAIL_BOOTSTRAP_API_KEY}). Idempotent: restarts find both and change nothing; a bootstrap key that
 * was revoked stays revoked.
 */
@ApplicationScoped
public class BootstrapOrganization {

    private static final Logger LOG = Logger.getLogger(BootstrapOrganization.class);

    @ConfigMapping(prefix = "agentmail.auth.bootstrap")
    public interface Config {

        @WithDefault("org_default")
        String organizationId();

        @WithDefault("Default organization")
        String organizationName();

        /** The owner's key, stored hashed like any other; unset, the organization starts without keys. */
        Optional<String> apiKey();
    }

    private final Config config;
    private final Organizations organizations;
    private final ApiKeys keys;

    BootstrapOrganization(Config config, Organizations organizations, ApiKeys keys) {
        this.config = config;
        this.organizations = organizations;
        this.keys = keys;
    }

    void onStart(@Observes StartupEvent started) throws Throwable {
        Optional<ApiKeySecret> secret = config.apiKey().map(ApiKeySecret::configured);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                organizations.ensure(config.organizationId(), config.organizationName())
                        .call(organization -> secret.map(key -> ensureKey(organization, key))
                                .orElse(Uni.createFrom().voidItem()))));
    }

    private Uni<Void> ensureKey(Organization organization, ApiKeySecret secret) {
        return ApiKey.findByHash(secret.hash()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            LOG.infof("bootstrap key %s created for organization %s", secret, organization.id);
            return keys.issueOrganizationKey(organization.id, "bootstrap", secret).replaceWithVoid();
        });
    }
}
