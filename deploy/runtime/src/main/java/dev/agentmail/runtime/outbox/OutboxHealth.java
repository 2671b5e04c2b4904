package dev.agentmail.runtime.outbox;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The broker as the outbox relay last found it, at {@code /q/health/well} (and in {@code /q/health}): a signal for
 * operators, not a probe. The broker is kept out of readiness on purpose: while it is away, requests go on and their
 * events wait in the outbox, so taking every replica out of service would turn a broker outage into an API outage.
 */
@Wellness
@ApplicationScoped
class OutboxHealth implements HealthCheck {

    private final OutboxRelay relay;

    OutboxHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        boolean away = relay.brokerAway();
        return HealthCheckResponse.named("outbox relay")
                .status(!away)
                .withData("broker", away ? "away: new events wait in the outbox" : "publishing")
                .build();
    }
}
