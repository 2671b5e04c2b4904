package dev.agentmail.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The custom resources of the two operators we deploy on (Strimzi 1.x, CloudNativePG), which no Kubernetes model
 * parses: each must have the fields its CustomResourceDefinition requires (the "required" lists of the CRDs' schemas,
 * at every level we use) and the ones the suite depends on (a topic's name, partitions and replicas; the cluster
 * a node pool or topic belongs to). A path segment {@code *} means every item of a list, which must not be empty.
 */
final class OperatorKinds {

    private static final String CLUSTER_LABEL = "strimzi.io/cluster";

    private static final Map<String, List<List<String>>> REQUIRED = Map.of(
            "kafka.strimzi.io/v1/Kafka", List.of(
                    List.of("spec", "kafka", "listeners", "*", "name"),
                    List.of("spec", "kafka", "listeners", "*", "port"),
                    List.of("spec", "kafka", "listeners", "*", "type"),
                    List.of("spec", "kafka", "listeners", "*", "tls"),
                    // KafkaTopic resources become topics only through the topic operator.
                    List.of("spec", "entityOperator", "topicOperator")),
            "kafka.strimzi.io/v1/KafkaNodePool", List.of(
                    List.of("metadata", "labels", CLUSTER_LABEL),
                    List.of("spec", "replicas"),
                    List.of("spec", "roles", "*"),
                    List.of("spec", "storage", "type")),
            "kafka.strimzi.io/v1/KafkaTopic", List.of(
                    List.of("metadata", "labels", CLUSTER_LABEL),
                    List.of("spec", "topicName"),
                    List.of("spec", "partitions"),
                    List.of("spec", "replicas")),
            "postgresql.cnpg.io/v1/Cluster", List.of(
                    List.of("metadata", "name"),
                    List.of("spec", "instances"),
                    List.of("spec", "managed", "roles", "*", "name"),
                    List.of("spec", "managed", "roles", "*", "passwordSecret", "name")),
            "postgresql.cnpg.io/v1/Database", List.of(
                    List.of("metadata", "name"),
                    List.of("spec", "cluster", "name"),
                    List.of("spec", "name"),
                    List.of("spec", "owner")));

    private OperatorKinds() {
    }

    static boolean isOperatorKind(JsonNode document) {
        return REQUIRED.containsKey(key(document));
    }

    /** What the document lacks; empty when it has every required field. */
    static List<String> missingFields(JsonNode document) {
        List<String> missing = new ArrayList<>();
        for (List<String> path : REQUIRED.getOrDefault(key(document), List.of())) {
            collectMissing(document, path, 0, "", missing);
        }
        return missing.stream().map(field -> Rendered.describe(document) + " lacks " + field).toList();
    }

    private static void collectMissing(JsonNode node, List<String> path, int index, String at, List<String> missing) {
        if (index == path.size()) {
            return;
        }
        String segment = path.get(index);
        if (segment.equals("*")) {
            if (!node.isArray() || node.isEmpty()) {
                missing.add(at + "[] (a non-empty list)");
                return;
            }
            for (int item = 0; item < node.size(); item++) {
                collectMissing(node.get(item), path, index + 1, at + "[" + item + "]", missing);
            }
            return;
        }
        JsonNode child = node.path(segment);
        String childAt = at.isEmpty() ? segment : at + "." + segment;
        if (child.isMissingNode() || child.isNull()) {
            missing.add(childAt);
            return;
        }
        collectMissing(child, path, index + 1, childAt, missing);
    }

    private static String key(JsonNode document) {
        return document.path("apiVersion").asText() + "/" + document.path("kind").asText();
    }
}
