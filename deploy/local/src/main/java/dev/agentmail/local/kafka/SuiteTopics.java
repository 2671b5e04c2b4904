package dev.agentmail.local.kafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The suite's topics (docs/events.md), made before any service starts, as deploy/k8s makes them with KafkaTopic
 * resources. Left to the broker's auto-creation, a topic would appear only with its first event, and the services
 * that follow it would join it a moment late: the first inbox of a fresh suite could not be used at once.
 */
public final class SuiteTopics {

    /** The topics, with the broker's default partition count (three). */
    private static final List<String> NAMES = List.of("inbox.events", "message.events", "auth.events",
            "inbox.events.dead-letter");

    private SuiteTopics() {
    }

    /** Creates the topics that do not exist yet on the broker. */
    public static void create(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String name : NAMES) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, Optional.empty(), Optional.empty())))
                            .all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not create the topics within 30 s", e);
        }
    }
}
