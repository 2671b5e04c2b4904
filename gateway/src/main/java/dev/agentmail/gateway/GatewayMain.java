package dev.agentmail.gateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the gateway with two checks of Quarkus and Vert.x off, each of which refuses a request with an empty 400
 * before any route sees it: of the request target (one {@link java.net.URI} cannot parse, a {@code %} not followed
 * by two hex digits, say), and of header characters (a control character in a value). The door checks both itself
 * and answers in the API's error format ({@code door.RequestTarget}, {@code door.RequestHeaders}), before anything
 * is forwarded. The properties are read once, as Quarkus' HTTP recorder and Vert.x' headers are loaded, so they are
 * set before Quarkus starts; the tests set them in pom.xml.
 */
@QuarkusMain
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        System.setProperty("vertx.disableHttpHeadersValidation", "true");
        Quarkus.run(args);
    }
}
