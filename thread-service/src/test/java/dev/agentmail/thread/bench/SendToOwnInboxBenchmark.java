package dev.agentmail.thread.bench;

import dev.agentmail.local.testing.InjectTestDatabase;
import dev.agentmail.local.testing.InjectTestIssuer;
import dev.agentmail.local.testing.InternalTokenClaims;
import dev.agentmail.local.testing.TestDatabase;
import dev.agentmail.local.testing.TestIssuer;
import dev.agentmail.local.testing.TopicRecords;
import dev.agentmail.thread.TestOrganization;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Send-to-own-inbox throughput and the time from a send to its message.received record being readable on the topic.
 * Not a test (it asserts nothing): a measurement that prints figures, run on demand with
 * {@code ./mvnw -q -pl thread-service -am verify -Dtest=SendToOwnInboxBenchmark -Dagentmail.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (optionally {@code -Dagentmail.bench.messages=2000
 * -Dagentmail.bench.concurrency=16 -Dagentmail.bench.rate=30}, the last pacing sends to measure latency below
 * saturation). It runs the service in the test JVM with the test broker and database, on
 * whatever else the machine is doing: the figures are of this machine, not of a tuned deployment.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "agentmail.bench", matches = "true")
class SendToOwnInboxBenchmark {

    @InjectTestIssuer
    TestIssuer issuer;

    @InjectTestDatabase
    TestDatabase database;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void sendToOwnInbox() throws Exception {
        int messages = Integer.getInteger("agentmail.bench.messages", 2000);
        int concurrency = Integer.getInteger("agentmail.bench.concurrency", 16);
        // Optional pacing (messages/s) to measure latency below saturation; 0 sends as fast as answers come.
        int rate = Integer.getInteger("agentmail.bench.rate", 0);
        TestOrganization organization = TestOrganization.fresh(issuer, database, bootstrapServers);
        String sender = organization.inbox("bench-from");
        String receiver = organization.inbox("bench-to");
        String token = issuer.sign(InternalTokenClaims.organizationKey("key_bench", organization.id(),
                TestOrganization.ALL_PERMISSIONS), Duration.ofHours(1));
        URI send = URI.create("http://127.0.0.1:" + RestAssured.port + "/v0/inboxes/" + sender + "/messages/send");
        HttpClient http = HttpClient.newHttpClient();

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> readAt = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> read(receiver, readAt, reading, messages));
        reader.start();

        warmUp(http, send, token, receiver);
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                while (System.nanoTime() < due) {
                    Thread.sleep(1);
                }
            }
            inFlight.acquire();
            String subject = "bench-" + UUID.randomUUID();
            long issued = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(send).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + receiver + "\",\"subject\":\"" + subject
                            + "\",\"text\":\"benchmark message " + i + "\"}")).build();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                inFlight.release();
                if (failure == null && response.statusCode() == 200) {
                    String messageId = TopicRecords.json(response.body()).get("message_id").textValue();
                    sentAt.put(messageId, issued);
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        reader.join(Duration.ofMinutes(3).toMillis());
        reading.set(false);

        List<Long> latencies = new ArrayList<>();
        sentAt.forEach((id, issued) -> {
            Long read = readAt.get(id);
            if (read != null) {
                latencies.add(read - issued);
            }
        });
        Collections.sort(latencies);
        System.out.printf("%nsend-to-own-inbox: %d messages, concurrency %d, rate %s, %d answered 200 in %.1f s:"
                        + " %.0f messages/s (stored, threaded, both events in the outbox)%n",
                messages, concurrency, rate > 0 ? rate + "/s" : "unpaced", sentAt.size(), seconds,
                sentAt.size() / seconds);
        System.out.printf("send -> message.received readable on the topic: %d of %d seen; p50 %.1f ms, p90 %.1f ms,"
                        + " p99 %.1f ms, max %.1f ms%n%n", latencies.size(), sentAt.size(), percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99), percentile(latencies, 100));
    }

    private static void warmUp(HttpClient http, URI send, String token, String receiver) throws Exception {
        for (int i = 0; i < 50; i++) {
            http.send(HttpRequest.newBuilder(send).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + receiver + "\",\"text\":\"warm\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Reads message.received records of the receiver as they become readable, noting when each was. */
    private void read(String receiver, Map<String, Long> readAt, AtomicBoolean reading, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("message.events"));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            int seen = 0;
            while (reading.get() && seen < expected + 50 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    if (receiver.equals(record.key()) && record.value().contains("\"message.received\"")) {
                        readAt.put(TopicRecords.json(record.value()).at("/message/message_id").textValue(), now);
                        seen++;
                    }
                }
            }
        }
    }

    private static double percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }
}
