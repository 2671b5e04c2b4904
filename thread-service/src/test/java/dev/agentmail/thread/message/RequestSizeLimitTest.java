package dev.agentmail.thread.message;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.thread.TestOrganization;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A body beyond the limit is refused in the API's error format: at once by its Content-Length, else as it comes. */
@QuarkusTest
class RequestSizeLimitTest {

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "agentmail.thread.max-request-bytes")
    long limit;

    /** The status line, headers and body of one HTTP response (by Content-Length, else to the connection's end). */
    private static String response(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                .matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
        return head + new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIs413InTheErrorFormatBeforeItIsSent() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v0/inboxes/a@agentmail.local/messages/send HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 60000000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = response(socket.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("\"name\":\"PayloadTooLargeError\""), answer);
        }
    }

    /** Without a Content-Length nothing is known beforehand: the body is refused once more than the limit came. */
    @Test
    void aChunkedBodyGrowingBeyondTheLimitIs413InTheErrorFormat() throws Exception {
        TestOrganization organization = TestOrganization.fresh(issuer, database, bootstrapServers);
        String inbox = organization.inbox("chunked");
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + Mail.send(inbox) + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + organization.ownerToken() + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<String> answer = reader.submit(() -> response(socket.getInputStream()));
                chunk(out, "{\"to\":\"a@example.com\",\"attachments\":[{\"content\":\"".getBytes(StandardCharsets.US_ASCII));
                byte[] base64 = "AAAA".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
                try {
                    for (long sent = 0; sent <= limit + 2 * base64.length && !answer.isDone(); sent += base64.length) {
                        chunk(out, base64);
                    }
                } catch (IOException closedByTheServer) {
                    // expected once the refusal is out: the rest of the body is not read
                }
                String refusal = answer.get(60, TimeUnit.SECONDS);

                assertTrue(refusal.startsWith("HTTP/1.1 413"), refusal);
                assertTrue(refusal.contains("\"name\":\"PayloadTooLargeError\""), refusal);
            } finally {
                reader.shutdownNow();
            }
        }
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
