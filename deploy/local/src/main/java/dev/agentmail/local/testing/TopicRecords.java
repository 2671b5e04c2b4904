package dev.agentmail.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes JSON records on a topic as any outside consumer or producer of our topics would. */
public final class TopicRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long to wait for records before giving up; a guard against hanging, not a measured expectation. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private TopicRecords() {
    }

    /** The first record on {@code topic}, from its beginning, whose key and JSON value match. */
    public static ConsumerRecord<String, String> await(String bootstrapServers, String topic, String key,
                                                       Predicate<JsonNode> value) {
        List<ConsumerRecord<String, String>> found =
                read(bootstrapServers, topic, record -> key.equals(record.key()) && value.test(json(record.value())), 1);
        if (found.isEmpty()) {
            throw new AssertionError("no matching record for key " + key + " on " + topic);
        }
        return found.get(0);
    }

    /** The first {@code count} records with {@code key}, in the order a consumer receives them. */
    public static List<ConsumerRecord<String, String>> firstRecords(String bootstrapServers, String topic, String key,
                                                                    int count) {
        List<ConsumerRecord<String, String>> found = read(bootstrapServers, topic, r -> key.equals(r.key()), count);
        if (found.size() < count) {
            throw new AssertionError("only " + found.size() + " of " + count + " records with key " + key
                    + " arrived on " + topic);
        }
        return found;
    }

    /** The first {@code count} records with {@code key} whose JSON value matches, in the order a consumer gets them. */
    public static List<ConsumerRecord<String, String>> firstRecords(String bootstrapServers, String topic, String key,
                                                                    Predicate<JsonNode> value, int count) {
        List<ConsumerRecord<String, String>> found = read(bootstrapServers, topic,
                record -> key.equals(record.key()) && value.test(json(record.value())), count);
        if (found.size() < count) {
            throw new AssertionError("only " + found.size() + " of " + count + " matching records with key " + key
                    + " arrived on " + topic);
        }
        return found;
    }

    /** A header's value as text; fails when the record lacks it. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            throw new AssertionError("record without header " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<String, String>> read(String bootstrapServers, String topic,
                                                             Predicate<ConsumerRecord<String, String>> wanted,
                                                             int count) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // As every consumer of our topics should (docs/events.md): never a record of an aborted batch.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(PATIENCE);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (found.size() < count && wanted.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    public static void write(String bootstrapServers, String topic, String key, String value) {
        write(bootstrapServers, topic, key, List.of(value));
    }

    /** Writes these values with one key, in order, in one go: a consumer is likely to get them in one poll. */
    public static void write(String bootstrapServers, String topic, String key, List<String> values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (String value : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            for (Future<?> each : sent) {
                each.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        }
    }

    public static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
