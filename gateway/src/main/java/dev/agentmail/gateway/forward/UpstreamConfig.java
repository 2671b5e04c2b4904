package dev.agentmail.gateway.forward;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Where the services are and how the gateway talks to them (application.properties explains each key). */
@ConfigMapping(prefix = "agentmail.gateway.upstream")
public interface UpstreamConfig {

    @WithDefault("http://127.0.0.1:8083")
    URI authService();

    @WithDefault("http://127.0.0.1:8081")
    URI inboxService();

    @WithDefault("http://127.0.0.1:8082")
    URI threadService();

    @WithDefault("5s")
    Duration connectTimeout();

    /** A forwarded request whose service sends nothing for this long is answered 504. */
    @WithDefault("60s")
    Duration idleTimeout();

    /** A key verification that takes longer is answered 503 (auth-service unavailable). */
    @WithDefault("5s")
    Duration verifyTimeout();

    /** Pooled keep-alive connections per service and event loop. */
    @WithDefault("128")
    int maxConnections();
}
