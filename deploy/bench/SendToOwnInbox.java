import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Send-to-own-inbox throughput and latency of thread-service: PAIRS sender inboxes each send to their own receiver
 * inbox of the suite (COUNT messages in all, round robin over the pairs), straight to thread-service with the
 * internal token auth-service issues for the bench key (the gateway is not in the path), after WARMUP unmeasured
 * sends. Without RATE, CONCURRENCY sends are under way at all times (as fast as it goes); with RATE, sends start at
 * that many per second whatever the answers do (an open loop, CONCURRENCY at most at once), and each is timed from
 * when it was due. A consumer on message.events (read_committed) notes when each message's message.received record
 * becomes readable. The inboxes are used as soon as their creation answered. Prints figures; asserts nothing. Run it
 * through deploy/bench/messages.
 */
public class SendToOwnInbox {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final String AUTH = env("AUTH_URL", "http://127.0.0.1:8083");
    static final String INBOX = env("INBOX_URL", "http://127.0.0.1:8081");
    static final String THREAD = env("THREAD_URL", "http://127.0.0.1:8082");
    static final String KAFKA = env("KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    static final int COUNT = Integer.parseInt(env("COUNT", "2000"));
    static final int CONCURRENCY = Integer.parseInt(env("CONCURRENCY", "8"));
    static final int WARMUP = Integer.parseInt(env("WARMUP", "200"));
    static final int PAIRS = Integer.parseInt(env("PAIRS", "1"));
    static final double RATE = Double.parseDouble(env("RATE", "0"));

    static String token;
    static Instant tokenExpires = Instant.EPOCH;

    public static void main(String[] args) throws Exception {
        String key = System.getenv("AGENTMAIL_BENCH_KEY");
        if (key == null) {
            System.err.println("set AGENTMAIL_BENCH_KEY to a valid organization key (e.g. the suite's bootstrap key)");
            System.exit(2);
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> senders = new ArrayList<>();
        List<String> receivers = new ArrayList<>();
        for (int pair = 0; pair < PAIRS; pair++) {
            senders.add(createInbox(key, "bench-from-" + run + "-" + pair));
            receivers.add(createInbox(key, "bench-to-" + run + "-" + pair));
        }
        // Warms the services up and makes thread-service create message.events before the consumer looks for it.
        for (int i = 0; i < WARMUP; i++) {
            call(key, "POST", sendUrl(senders.get(i % PAIRS)), Map.of("to", List.of(receivers.get(i % PAIRS)),
                    "subject", "warm-up " + run + " " + i, "text", "warm-up"));
        }

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Histogram sendLatency = new Histogram(3);
        Histogram eventLatency = new Histogram(3);
        try (KafkaConsumer<String, String> consumer = consumerAtEnd()) {
            // Records are read while the sends go on, on their own thread, so each is timed when it is readable.
            AtomicInteger expected = new AtomicInteger(COUNT);
            CompletableFuture<Integer> seenEvents = CompletableFuture.supplyAsync(
                    () -> awaitEvents(consumer, Set.copyOf(receivers), sentAt, eventLatency, expected));
            long start = System.nanoTime();
            AtomicInteger failures = send(key, senders, receivers, run, sentAt, sendLatency);
            expected.addAndGet(-failures.get());
            long sendsDone = System.nanoTime();
            int seen = seenEvents.join();
            long eventsDone = System.nanoTime();

            int sent = COUNT - failures.get();
            System.out.printf("sent %d messages over %d sender/receiver pairs, %s (%d failed)%n", sent, PAIRS,
                    RATE > 0 ? "started at " + RATE + "/s, at most " + CONCURRENCY + " at once"
                            : CONCURRENCY + " concurrent", failures.get());
            System.out.printf("sends answered: %.0f messages/s; send p50 %.2f ms, p99 %.2f ms%n",
                    sent / seconds(start, sendsDone), ms(sendLatency, 50), ms(sendLatency, 99));
            System.out.printf("stored, threaded and message.received readable: %d of %d, %.0f messages/s%n",
                    seen, sent, seen / seconds(start, eventsDone));
            System.out.printf("send -> message.received readable on the topic: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    ms(eventLatency, 50), ms(eventLatency, 99), eventLatency.getMaxValue() / 1000.0);
        }
    }

    static AtomicInteger send(String key, List<String> senders, List<String> receivers, String run,
                              Map<String, Long> sentAt, Histogram latency) throws InterruptedException {
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        long start = System.nanoTime();
        for (int i = 0; i < COUNT; i++) {
            long due = RATE > 0 ? start + (long) (i * 1e9 / RATE) : 0;
            if (RATE > 0) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            int n = i;
            Runnable one = () -> {
                String subject = "bench " + run + " " + n;
                // Open loop: timed from when the send was due, so a backlog shows in the figures.
                long started = RATE > 0 ? due : System.nanoTime();
                sentAt.put(subject, started);
                try {
                    call(key, "POST", sendUrl(senders.get(n % PAIRS)), Map.of("to", List.of(receivers.get(n % PAIRS)),
                            "subject", subject, "text", "message " + n));
                    synchronized (latency) {
                        latency.recordValue((System.nanoTime() - started) / 1000);
                    }
                } catch (Exception e) {
                    sentAt.remove(subject);
                    if (failures.incrementAndGet() <= 3) {
                        System.err.println(e.getMessage());
                    }
                }
            };
            // Without RATE the pool's threads take the sends one after another: CONCURRENCY under way at all times.
            pool.submit(one);
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return failures;
    }

    /** Reads message.events until every sent message's message.received record came, or 30 s pass without one. */
    static int awaitEvents(KafkaConsumer<String, String> consumer, Set<String> receivers, Map<String, Long> sentAt,
                           Histogram latency, AtomicInteger expected) {
        int seen = 0;
        long quietSince = System.nanoTime();
        while (seen < expected.get() && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(30)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                long readAt = System.nanoTime();
                if (!receivers.contains(record.key())) {
                    continue;
                }
                JsonNode event = read(record.value());
                Long started = sentAt.remove(event.path("message").path("subject").asText());
                if ("message.received".equals(event.path("event_type").asText()) && started != null) {
                    synchronized (latency) {
                        latency.recordValue((readAt - started) / 1000);
                    }
                    seen++;
                    quietSince = readAt;
                }
            }
        }
        return seen;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A consumer of every partition of message.events, positioned at its end before the first send. */
    static KafkaConsumer<String, String> consumerAtEnd() {
        Properties config = new Properties();
        config.put("bootstrap.servers", KAFKA);
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        // A message counts once its event is readable as a consumer of our topics reads it: committed.
        config.put("isolation.level", "read_committed");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor("message.events").stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    static String createInbox(String key, String username) throws Exception {
        return call(key, "POST", INBOX + "/v0/inboxes", Map.of("username", username)).path("inbox_id").asText();
    }

    static String sendUrl(String sender) {
        return THREAD + "/v0/inboxes/" + encode(sender) + "/messages/send";
    }

    static JsonNode call(String key, String method, String url, Object body) throws Exception {
        HttpResponse<String> answer = request(key, method, url, body);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(method + " " + url + " answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(200, answer.body().length())));
        }
        return JSON.readTree(answer.body());
    }

    static HttpResponse<String> request(String key, String method, String url, Object body) throws Exception {
        HttpRequest.BodyPublisher content = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("authorization", "Bearer " + internalToken(key))
                        .header("content-type", "application/json")
                        .method(method, content)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Internal tokens live a few minutes; renew one well before it ends, as a long run outlives several. */
    static synchronized String internalToken(String key) throws Exception {
        if (Instant.now().isAfter(tokenExpires.minusSeconds(60))) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(AUTH + "/internal/keys/verify"))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("api_key", key))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("verify answered " + answer.statusCode());
            }
            JsonNode verified = JSON.readTree(answer.body());
            token = verified.path("token").asText();
            tokenExpires = Instant.parse(verified.path("expires_at").asText());
        }
        return token;
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    static double ms(Histogram microseconds, double percentile) {
        return microseconds.getValueAtPercentile(percentile) / 1000.0;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
