package dev.agentmail.gateway;

import dev.agentmail.local.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * What every test of this service runs against, once per test run (Quarkus applies test resources to all test
 * classes): a real Kafka broker from deploy/local for auth.events, and a {@link TestUpstream} in the place of the
 * services, so a test sees exactly what the gateway forwards. The real services behind the gateway are driven in
 * deploy/system-tests.
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(TestUpstreamResource.class)
final class TestResources {

    private TestResources() {
    }
}
