package dev.agentmail.auth;

import dev.agentmail.local.testing.KafkaBrokerResource;
import dev.agentmail.local.testing.PostgresDatabaseResource;
import dev.agentmail.local.testing.TestIssuerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The real servers behind every test of this service: a fresh database, a Kafka broker, and the operators' identity
 * provider (deploy/local's test issuer, which quarkus-oidc trusts on /admin), started once per test run
 * (Quarkus applies test resources to all test classes) by deploy/local.
 */
@QuarkusTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "service", value = "auth"))
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(TestIssuerResource.class)
final class TestResources {

    private TestResources() {
    }
}
