package dev.agentmail.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/** Starts a {@link TestUpstream} and points all three service addresses of the gateway at it. */
public final class TestUpstreamResource implements QuarkusTestResourceLifecycleManager {

    /** Marks a {@link TestUpstream} field of a test class for this resource to fill. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectTestUpstream {
    }

    private TestUpstream upstream;

    @Override
    public Map<String, String> start() {
        upstream = TestUpstream.start();
        return Map.of(
                "agentmail.gateway.upstream.auth-service", upstream.url(),
                "agentmail.gateway.upstream.inbox-service", upstream.url(),
                "agentmail.gateway.upstream.thread-service", upstream.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(upstream,
                new TestInjector.AnnotatedAndMatchesType(InjectTestUpstream.class, TestUpstream.class));
    }

    @Override
    public void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }
}
