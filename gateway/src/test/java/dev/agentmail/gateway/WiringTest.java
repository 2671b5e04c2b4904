package dev.agentmail.gateway;

import dev.agentmail.local.testing.ServiceWiringContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service runs against the real servers deploy/local gives it: its broker.
 */
@QuarkusTest
class WiringTest implements ServiceWiringContract {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String topic() {
        return "auth.events";
    }

    @Override
    public List<String> readinessChecks() {
        return List.of();
    }
}
