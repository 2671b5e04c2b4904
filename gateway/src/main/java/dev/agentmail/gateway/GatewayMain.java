package dev.agentmail.gateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the gateway with Quarkus' own check of the request target off: it refuses a target that
 * {@link java.net.URI} cannot parse (a {@code %} not followed by two hex digits, say) with an empty 400 before any
 * route sees it. The door checks the path itself and answers such a request in the API's error format
 * ({@code door.RequestTarget}). The property is read once, as Quarkus' HTTP recorder is loaded, so it is set before
 * Quarkus starts; the tests set it in pom.xml.
 */
@QuarkusMain
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
