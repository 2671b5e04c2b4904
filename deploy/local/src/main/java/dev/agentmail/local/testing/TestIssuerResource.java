package dev.agentmail.local.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a {@link TestIssuer} and points the service's quarkus-oidc at it. */
public final class TestIssuerResource implements QuarkusTestResourceLifecycleManager {

    private TestIssuer issuer;

    @Override
    public Map<String, String> start() {
        issuer = TestIssuer.start();
        return Map.of("quarkus.oidc.auth-server-url", issuer.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(issuer,
                new TestInjector.AnnotatedAndMatchesType(InjectTestIssuer.class, TestIssuer.class));
    }

    @Override
    public void stop() {
        if (issuer != null) {
            issuer.close();
        }
    }
}
