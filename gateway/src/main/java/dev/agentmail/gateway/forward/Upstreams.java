package dev.agentmail.gateway.forward;

import dev.agentmail.gateway.route.Owner;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * The services behind the gateway, reached through one HTTP client whose keep-alive connections are pooled per
 * service, so a request rarely pays for a new connection.
 */
@ApplicationScoped
public class Upstreams {

    private final HttpClient client;
    private final Map<Owner, SocketAddress> addresses = new EnumMap<>(Owner.class);
    private final UpstreamConfig config;

    Upstreams(Vertx vertx, UpstreamConfig config) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setConnectTimeout((int) config.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(config.maxConnections()));
        addresses.put(Owner.AUTH_SERVICE, address(config.authService()));
        addresses.put(Owner.INBOX_SERVICE, address(config.inboxService()));
        addresses.put(Owner.THREAD_SERVICE, address(config.threadService()));
    }

    public HttpClient client() {
        return client;
    }

    /** The address of a service that serves routes; {@link Owner#NONE} has none. */
    public SocketAddress address(Owner owner) {
        SocketAddress address = addresses.get(owner);
        if (address == null) {
            throw new IllegalArgumentException(owner + " has no address");
        }
        return address;
    }

    public UpstreamConfig config() {
        return config;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    private static SocketAddress address(URI url) {
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("a service URL must be http://host[:port]: " + url);
        }
        return SocketAddress.inetSocketAddress(url.getPort() == -1 ? 80 : url.getPort(), url.getHost());
    }
}
