package dev.agentmail.thread.fetch;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.thread.TestOrganization;
import dev.agentmail.thread.download.Downloads;
import dev.agentmail.thread.message.Mail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attachments by URL come from the public internet only: no URL, however written and wherever it redirects,
 * makes thread-service connect inside. The tests open 127.0.0.2 and port 48123 of 127.0.0.3
 * (application.properties) and watch a listener on 127.0.0.1 that must never be reached.
 */
@QuarkusTest
class AttachmentUrlTest {

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size", defaultValue = "20")
    int poolSize;

    private TestOrganization organization;
    private String inbox;
    private ServerSocket inside;
    private final AtomicInteger connections = new AtomicInteger();
    private HttpServer allowed;

    @BeforeEach
    void anInsideListenerAndAnAllowedServer() throws IOException {
        organization = TestOrganization.fresh(issuer, database, bootstrapServers);
        inbox = organization.inboxInPod(TestOrganization.DEFAULT_POD, "fetcher", "Fetcher");
        inside = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        count(inside, connections);
        allowed = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        allowed.createContext("/inside", exchange -> {
            exchange.getResponseHeaders().add("Location", insideUrl());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        allowed.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/file.txt");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        serve(allowed, "/file.txt", "fetched");
        allowed.start();
    }

    @AfterEach
    void stop() throws IOException {
        inside.close();
        allowed.stop(0);
    }

    @Test
    void urlsIntoTheInsideAreRefusedWithoutAConnection() {
        int port = inside.getLocalPort();
        for (String url : List.of(insideUrl(), "http://localhost:" + port + "/", "http://[::ffff:127.0.0.1]:" + port
                        + "/", "http://2130706433:" + port + "/",
                "https://127.0.0.1:" + port + "/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
                "http://[fd00::1]/")) {
            refused(url).body("errors[0].field", equalTo("attachments[0].url"))
                    .body("message", containsString("public internet only"));
        }
        assertEquals(0, connections.get(), "connections made to the inside listener");
    }

    @Test
    void aRedirectIntoTheInsideIsRefusedBeforeItIsFollowed() {
        refused(allowedUrl("/inside")).body("message", containsString("public internet only"));
        assertEquals(0, connections.get(), "connections made to the inside listener");
    }

    @Test
    void aRedirectToAnAllowedAddressIsFollowed() {
        String messageId = Mail.send(organization, inbox, Map.of("to", "a@example.com", "text", "file",
                "attachments", List.of(Map.of("filename", "file.txt", "url", allowedUrl("/moved")))))
                .getString("message_id");
        JsonPath sent = Mail.get(organization, inbox, messageId);
        String link = organization.owner().get(Mail.message(inbox, messageId) + "/attachments/"
                        + sent.getString("attachments[0].attachment_id"))
                .then().statusCode(200).extract().path("download_url");
        assertArrayEquals("fetched".getBytes(), Downloads.fetch(link, "application/octet-stream"));
    }

    @Test
    void anAllowedHostPortPassesWhileAnotherPortOfTheSameHostIsRefused() throws IOException {
        HttpServer opened = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 48123), 0);
        serve(opened, "/file.txt", "opened");
        opened.start();
        AtomicInteger otherPort = new AtomicInteger();
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.3"))) {
            count(other, otherPort);
            Mail.send(organization, inbox, Map.of("to", "a@example.com", "text", "file", "attachments",
                    List.of(Map.of("filename", "file.txt", "url", "http://127.0.0.3:48123/file.txt"))));
            refused("http://127.0.0.3:" + other.getLocalPort() + "/file.txt")
                    .body("message", containsString("public internet only"));
            assertEquals(0, otherPort.get(), "connections made to the other port");
        } finally {
            opened.stop(0);
        }
    }

    @Test
    void atMostTenAttachmentsComeByUrl() {
        List<Map<String, String>> attachments = new ArrayList<>(Collections.nCopies(11,
                Map.of("url", allowedUrl("/file.txt"))));
        organization.owner().body(Map.of("to", "a@example.com", "attachments", attachments))
                .post(Mail.send(inbox)).then().statusCode(400).body("errors[0].field", equalTo("attachments"));
    }

    @Test
    void fetchesThatHangHoldNoDatabaseConnection() throws Exception {
        // More sends than the pool has connections: each would hold one through its fetch, and the ones after them,
        // and every other request, would wait for the fetches to end. A server each, as the fetcher takes at most a
        // few connections to one server at a time.
        int sends = poolSize + 5;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger hanging = new AtomicInteger();
        List<HttpServer> slow = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(sends);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < sends; i++) {
                HttpServer server = hangingServer(hanging, release);
                slow.add(server);
                String url = "http://127.0.0.2:" + server.getAddress().getPort() + "/slow";
                answers.add(clients.submit(() -> organization.owner().body(Map.of("to", "a@example.com",
                                "attachments", List.of(Map.of("filename", "slow.txt", "url", url))))
                        .post(Mail.send(inbox)).statusCode()));
            }
            await().atMost(Duration.ofSeconds(8)).until(() -> hanging.get() == sends);
            organization.owner().get(Mail.messages(inbox)).then().statusCode(200);
            release.countDown();
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get(30, TimeUnit.SECONDS).intValue());
            }
        } finally {
            release.countDown();
            clients.shutdownNow();
            slow.forEach(server -> server.stop(0));
        }
    }

    /** A server on 127.0.0.2 whose /slow answers only once {@code release} opens, counting who waits. */
    private static HttpServer hangingServer(AtomicInteger hanging, CountDownLatch release) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/slow", exchange -> {
            hanging.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "late".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    /** Counts the connections made to {@code listener} until it is closed. */
    private static void count(ServerSocket listener, AtomicInteger connections) {
        Thread counter = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket ignored = listener.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        counter.setDaemon(true);
        counter.start();
    }

    private static void serve(HttpServer server, String path, String text) {
        server.createContext(path, exchange -> {
            byte[] body = text.getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private ValidatableResponse refused(String url) {
        return organization.owner().body(Map.of("to", "a@example.com", "attachments",
                        List.of(Map.of("filename", "x", "url", url))))
                .post(Mail.send(inbox)).then().statusCode(400).body("name", equalTo("ValidationError"));
    }

    private String insideUrl() {
        return "http://127.0.0.1:" + inside.getLocalPort() + "/";
    }

    private String allowedUrl(String path) {
        return "http://127.0.0.2:" + allowed.getAddress().getPort() + path;
    }
}
