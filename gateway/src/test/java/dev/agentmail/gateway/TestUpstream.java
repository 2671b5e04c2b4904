package dev.agentmail.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the services behind the gateway in its own tests, on a free loopback port: auth-service's key verification
 * for the keys a test registers, and for every other request an echo of what arrived (method, URI, the headers
 * that matter, the body's length and SHA-256), so a test sees exactly what the gateway forwarded (to a HEAD, only
 * the echo's headers); with {@code ?echo=body} it sends the body back instead. A few inbox ids
 * make it misbehave on purpose: {@code hangup@...} drops the connection, {@code stall@...} answers too late,
 * {@code conflict@...} answers an error of its own.
 */
public final class TestUpstream implements AutoCloseable {

    /** What one forwarded request looked like on arrival. */
    public record Arrival(String method, String uri, String authorization, String requestId, long bodyLength,
                          String bodySha256, String allHeaders) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Map<String, Object>> principals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> verifications = new ConcurrentHashMap<>();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private volatile boolean authAvailable = true;

    private TestUpstream(HttpServer server) {
        this.server = server;
    }

    public static TestUpstream start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestUpstream upstream = new TestUpstream(server);
            server.createContext("/internal/keys/verify", upstream::verify);
            server.createContext("/", upstream::echo);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new organization key that verifies as {@code organizationId}, with {@code permissions}. */
    public String organizationKey(String organizationId, String... permissions) {
        return register(organizationId, "organization", null, null, permissions);
    }

    public String podKey(String organizationId, String podId, String... permissions) {
        return register(organizationId, "pod", podId, null, permissions);
    }

    public String inboxKey(String organizationId, String podId, String inboxId, String... permissions) {
        return register(organizationId, "inbox", podId, inboxId, permissions);
    }

    /** The api_key_id that {@code apiKey} verifies as. */
    public String apiKeyId(String apiKey) {
        return (String) principals.get(apiKey).get("api_key_id");
    }

    /** From now on auth-service answers 401 for the key, as after a revocation. */
    public void revoke(String apiKey) {
        principals.remove(apiKey);
    }

    public int verificationsOf(String apiKey) {
        return verifications.computeIfAbsent(apiKey, ignored -> new AtomicInteger()).get();
    }

    /** While false, verification answers 500, as an auth-service that is in trouble. */
    public void authAvailable(boolean available) {
        authAvailable = available;
    }

    public List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    public Arrival lastArrival() {
        return arrivals.get(arrivals.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private String register(String organizationId, String scopeType, String podId, String inboxId,
                            String... permissions) {
        String apiKey = "am_test_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> principal = new LinkedHashMap<>();
        principal.put("api_key_id", "ak_" + UUID.randomUUID().toString().replace("-", ""));
        principal.put("organization_id", organizationId);
        principal.put("scope_type", scopeType);
        if (podId != null) {
            principal.put("pod_id", podId);
        }
        if (inboxId != null) {
            principal.put("inbox_id", inboxId);
        }
        principal.put("permissions", List.of(permissions));
        principals.put(apiKey, principal);
        return apiKey;
    }

    private void verify(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String apiKey = request.path("api_key").asText();
        verifications.computeIfAbsent(apiKey, ignored -> new AtomicInteger()).incrementAndGet();
        if (!authAvailable) {
            reply(exchange, 500, Map.of("name", "InternalServerError", "message", "down"));
            return;
        }
        Map<String, Object> principal = principals.get(apiKey);
        if (principal == null) {
            reply(exchange, 401, Map.of("name", "UnauthorizedError", "message", "no such key"));
            return;
        }
        reply(exchange, 200, Map.of("principal", principal, "token", "internal-token-" + principal.get("api_key_id"),
                "expires_at", Instant.now().plus(Duration.ofMinutes(5)).toString()));
    }

    private void echo(HttpExchange exchange) throws IOException {
        String uri = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        if (uri.contains("/hangup%40")) {
            exchange.close();
            return;
        }
        if (uri.contains("/stall%40")) {
            sleep(Duration.ofSeconds(4));
        }
        if (uri.contains("echo=body")) {
            echoBody(exchange, uri);
            return;
        }
        MessageDigest sha = sha256();
        long length = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = exchange.getRequestBody()) {
            for (int read; (read = body.read(buffer)) > 0; length += read) {
                sha.update(buffer, 0, read);
            }
        }
        Arrival arrival = arrived(exchange, uri, length, HexFormat.of().formatHex(sha.digest()));
        exchange.getResponseHeaders().add("X-Upstream-Header", "kept");
        if (uri.contains("/conflict%40")) {
            reply(exchange, 409, Map.of("name", "IsTakenError", "message", "The address is taken."));
            return;
        }
        reply(exchange, 200, Map.of("method", arrival.method(), "uri", arrival.uri(),
                "body_length", arrival.bodyLength(), "body_sha256", arrival.bodySha256()));
    }

    /**
     * Reads the whole body, then streams it back with no length (chunked), as a large download comes. Reading first
     * keeps a client that sends its whole request before reading the answer from waiting on itself.
     */
    private void echoBody(HttpExchange exchange, String uri) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        arrived(exchange, uri, body.length, null);
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                out.write(body, offset, Math.min(64 * 1024, body.length - offset));
            }
        }
    }

    private Arrival arrived(HttpExchange exchange, String uri, long length, String sha256) {
        Arrival arrival = new Arrival(exchange.getRequestMethod(), uri,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Request-Id"), length, sha256,
                exchange.getRequestHeaders().toString());
        arrivals.add(arrival);
        return arrival;
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (exchange.getRequestMethod().equals("HEAD")) {
            // The length a GET would have had, and no body: the JDK's server wants that header set by hand.
            exchange.getResponseHeaders().add("Content-Length", String.valueOf(bytes.length));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
