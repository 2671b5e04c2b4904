package dev.agentmail.gateway;

import dev.agentmail.local.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real servers behind every test of this service: a Kafka broker,
 * started once per test run
 * (Quarkus applies test resources to all test classes) by deploy/local.
 */
@QuarkusTestResource(KafkaBrokerResource.class)
final class TestResources {

    private TestResources() {
    }
}
