package dev.agentmail.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's sends, as a careful client makes them: each pair's sender inbox sends to its receiver inbox one message
 * at a time, numbered, each with an Idempotency-Key of its own; an attempt that fails (no connection, a 5xx, a 429)
 * is tried again with the same key until the send is accepted or its patience runs out. A message is accepted when
 * an attempt answers 200 with its message_id.
 */
final class Sends {

    /** One accepted message: the pair, its number in the pair, and the id the API answered. */
    record Accepted(int pair, int seq, String messageId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String key;
    private final String run;
    private final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger attempted = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger givenUp = new AtomicInteger();

    Sends(String gateway, String key, String run) {
        this.gateway = gateway;
        this.key = key;
        this.run = run;
    }

    /** Creates an inbox through the API; answers its id. */
    String createInbox(String username) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/v0/inboxes", Map.of("username", username), null),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("creating inbox " + username + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("inbox_id").asText();
    }

    /** Sends {@code count} numbered messages from {@code sender} to {@code receiver}, one after the other. */
    void sendAll(int pair, String sender, String receiver, int count) throws InterruptedException {
        for (int seq = 1; seq <= count; seq++) {
            String messageId = send(sender, Map.of("to", List.of(receiver), "subject", subject(pair, seq),
                    "text", "Message " + seq + " of pair " + pair + " in fault run " + run + "."),
                    run + "-" + pair + "-" + seq);
            attempted.incrementAndGet();
            if (messageId != null) {
                accepted.add(new Accepted(pair, seq, messageId));
            }
        }
    }

    /** The message_id the send was accepted with, or null once its patience ran out. */
    private String send(String sender, Map<String, ?> body, String idempotencyKey) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        long backoff = 100;
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(request("/v0/inboxes/" + sender + "/messages/send", body,
                        idempotencyKey), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode answer = JSON.readTree(response.body());
                    return answer.path("message_id").asText();
                }
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    throw new IllegalStateException("a send was refused for good, " + response.statusCode() + ": "
                            + response.body());
                }
            } catch (IOException e) {
                // No answer: the request may or may not have been taken; the same key makes trying again safe.
            }
            retries.incrementAndGet();
            Thread.sleep(backoff);
            backoff = Math.min(1_000, backoff * 2);
        }
        givenUp.incrementAndGet();
        return null;
    }

    private HttpRequest request(String path, Map<String, ?> body, String idempotencyKey) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path.replace("@", "%40")))
                .timeout(ATTEMPT_TIMEOUT)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return builder.build();
    }

    static String subject(int pair, int seq) {
        return "fault run pair " + pair + " seq " + seq;
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    int attempted() {
        return attempted.get();
    }

    int retries() {
        return retries.get();
    }

    int givenUp() {
        return givenUp.get();
    }
}
