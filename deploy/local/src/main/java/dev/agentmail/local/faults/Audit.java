package dev.agentmail.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the suite holds after the run, against what the client was told: for every accepted message, its copy in the
 * sender's and the receiver's inbox (thread-service's database, what the API reads) and its message.sent and
 * message.received on message.events (read committed, as a consumer reads them). Duplicates count what an API reader
 * would see twice (two stored messages of one number in one inbox); duplicate records on the topic are allowed, as
 * its consumers are at-least-once. Order is each inbox's: its stored messages by time, and its events as the topic
 * hands them out, must follow the numbers the client sent them in.
 */
final class Audit {

    /** The figures the run prints. */
    record Figures(int accepted, int lostStored, int lostEvents, int duplicatedVisible, int outOfOrderStored,
                   int outOfOrderEvents, int storedUnacknowledged, long events) {

        boolean clean() {
            return lostStored == 0 && lostEvents == 0 && duplicatedVisible == 0 && outOfOrderStored == 0
                    && outOfOrderEvents == 0;
        }
    }

    /** A stored message: where, which, and its number from the subject. */
    private record Stored(String inboxId, String messageId, int seq) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEQ = Pattern.compile("fault run pair \\d+ seq (\\d+)");
    private static final Duration QUIET = Duration.ofSeconds(10);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final Connection database;
    private final String bootstrapServers;
    private final List<String> senders;
    private final List<String> receivers;

    Audit(Connection database, String bootstrapServers, List<String> senders, List<String> receivers) {
        this.database = database;
        this.bootstrapServers = bootstrapServers;
        this.senders = senders;
        this.receivers = receivers;
    }

    Figures of(List<Sends.Accepted> accepted) throws SQLException {
        List<Stored> stored = stored();
        Map<String, Integer> seqOf = new HashMap<>();
        Set<String> copies = new HashSet<>();
        for (Stored message : stored) {
            seqOf.put(message.messageId(), message.seq());
            copies.add(message.inboxId() + " " + message.messageId());
        }
        Events events = events(accepted.size() * 2, seqOf);

        int lostStored = 0;
        int lostEvents = 0;
        Set<String> acknowledged = new HashSet<>();
        for (Sends.Accepted message : accepted) {
            acknowledged.add(message.messageId());
            String sender = senders.get(message.pair());
            String receiver = receivers.get(message.pair());
            if (!copies.contains(sender + " " + message.messageId())
                    || !copies.contains(receiver + " " + message.messageId())) {
                lostStored++;
            }
            if (!events.seen().contains("message.sent " + message.messageId())
                    || !events.seen().contains("message.received " + message.messageId())) {
                lostEvents++;
            }
        }
        int storedUnacknowledged = (int) stored.stream().map(Stored::messageId)
                .filter(id -> !acknowledged.contains(id)).distinct().count();
        return new Figures(accepted.size(), lostStored, lostEvents, duplicatedVisible(stored),
                outOfOrder(byInbox(stored)), outOfOrder(events.orderByInbox()), storedUnacknowledged,
                events.records());
    }

    /** The run's messages as thread-service stores them, each inbox's in the order of their time. */
    private List<Stored> stored() throws SQLException {
        List<String> inboxes = new ArrayList<>(senders);
        inboxes.addAll(receivers);
        try (PreparedStatement statement = database.prepareStatement(
                "select inbox_id, message_id, subject from messages where inbox_id = any(?) order by inbox_id, sent_at,"
                        + " created_at")) {
            statement.setArray(1, database.createArrayOf("text", inboxes.toArray()));
            List<Stored> stored = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Matcher seq = SEQ.matcher(String.valueOf(rows.getString("subject")));
                    if (seq.matches()) {
                        stored.add(new Stored(rows.getString("inbox_id"), rows.getString("message_id"),
                                Integer.parseInt(seq.group(1))));
                    }
                }
            }
            return stored;
        }
    }

    /** Inboxes that show one number twice, counted once per number. */
    private static int duplicatedVisible(List<Stored> stored) {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new HashSet<>();
        for (Stored message : stored) {
            String key = message.inboxId() + " " + message.seq();
            if (!seen.add(key)) {
                twice.add(key);
            }
        }
        return twice.size();
    }

    private static Map<String, List<Integer>> byInbox(List<Stored> stored) {
        Map<String, List<Integer>> order = new LinkedHashMap<>();
        stored.forEach(message -> order.computeIfAbsent(message.inboxId(), ignored -> new ArrayList<>())
                .add(message.seq()));
        return order;
    }

    /**
     * The run's events on message.events.
     *
     * @param seen         "message.sent <message_id>" and "message.received <message_id>" of every event read
     * @param orderByInbox each inbox's numbers in the order the topic hands out their first records
     * @param records      how many records of the run's inboxes were read, copies included
     */
    private record Events(Set<String> seen, Map<String, List<Integer>> orderByInbox, long records) {
    }

    /**
     * Reads message.events from the start until {@code expected} distinct events are there and the topic has been
     * quiet for a while, or patience runs out.
     */
    private Events events(int expected, Map<String, Integer> seqOf) {
        Set<String> inboxes = new HashSet<>(senders);
        inboxes.addAll(receivers);
        Set<String> seen = new HashSet<>();
        Map<String, List<Integer>> order = new HashMap<>();
        long records = 0;
        Instant deadline = Instant.now().plus(PATIENCE);
        Instant lastNew = Instant.now();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "fault-audit-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of("message.events"));
            while (Instant.now().isBefore(deadline)
                    && (seen.size() < expected || Duration.between(lastNew, Instant.now()).compareTo(QUIET) < 0)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!inboxes.contains(record.key())) {
                        continue;
                    }
                    records++;
                    JsonNode event = json(record.value());
                    String type = event.path("event_type").asText();
                    String messageId = event.path(type.equals("message.sent") ? "send" : "message")
                            .path("message_id").asText();
                    Integer seq = seqOf.get(messageId);
                    if (seq != null && seen.add(type + " " + messageId)) {
                        order.computeIfAbsent(record.key(), ignored -> new ArrayList<>()).add(seq);
                        lastNew = Instant.now();
                    }
                }
            }
        }
        return new Events(seen, order, records);
    }

    /** How many times, over all inboxes, a number comes after a higher one. */
    private static int outOfOrder(Map<String, List<Integer>> order) {
        int inversions = 0;
        for (List<Integer> seqs : order.values()) {
            for (int i = 1; i < seqs.size(); i++) {
                if (seqs.get(i) < seqs.get(i - 1)) {
                    inversions++;
                }
            }
        }
        return inversions;
    }

    private static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("message.events holds a record that is not JSON", e);
        }
    }
}
