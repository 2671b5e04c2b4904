package dev.agentmail.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What makes dev small and prod resilient (issue 6, "Overlays"). */
class OverlayShapesTest {

    private static Rendered render(String overlay) {
        assumeTrue(Kustomize.available(), "kubectl is not installed: the rendering of deploy/k8s is not checked");
        return Kustomize.render(overlay);
    }

    @Test
    void devRunsOneOfEverything() {
        Rendered dev = render("dev");
        for (Deployment deployment : Checks.deployments(dev)) {
            assertEquals(1, deployment.getSpec().getReplicas(), deployment.getMetadata().getName());
        }
        assertEquals(1, dev.find("KafkaNodePool", "dual-role").orElseThrow().path("spec").path("replicas").asInt());
        assertEquals(1, dev.find("Cluster", "agentmail-db").orElseThrow().path("spec").path("instances").asInt());
        assertTrue(dev.ofKind("HorizontalPodAutoscaler").isEmpty());
    }

    @Test
    void prodReplicatesTopicsThreeTimesAndNeedsTwoInSync() {
        Rendered prod = render("prod");
        assertEquals(3, prod.find("Cluster", "agentmail-db").orElseThrow().path("spec").path("instances").asInt());
        for (JsonNode topic : prod.ofKind("KafkaTopic")) {
            assertEquals(3, topic.path("spec").path("replicas").asInt(), Rendered.describe(topic));
            assertEquals(2, topic.path("spec").path("config").path("min.insync.replicas").asInt(), Rendered.describe(topic));
        }
    }

    @Test
    void prodAutoscalesGatewayAndThreadServiceAndBudgetsEveryService() {
        Rendered prod = render("prod");
        Set<String> scaled = new TreeSet<>();
        prod.ofKind("HorizontalPodAutoscaler")
                .forEach(autoscaler -> scaled.add(autoscaler.path("spec").path("scaleTargetRef").path("name").asText()));
        assertEquals(Set.of("gateway", "thread-service"), scaled);
        Set<String> budgeted = new TreeSet<>();
        prod.ofKind("PodDisruptionBudget").forEach(budget -> budgeted.add(Rendered.name(budget)));
        Set<String> deployments = new TreeSet<>();
        Checks.deployments(prod).forEach(deployment -> deployments.add(deployment.getMetadata().getName()));
        assertEquals(deployments, budgeted);
    }

    @Test
    void prodSpreadsEveryServiceOverZonesAndNodesWithMoreThanOneReplica() {
        for (Deployment deployment : Checks.deployments(render("prod"))) {
            String name = deployment.getMetadata().getName();
            assertTrue(deployment.getSpec().getReplicas() >= 2, name);
            Set<String> keys = new TreeSet<>();
            deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()
                    .forEach(constraint -> keys.add(constraint.getTopologyKey()));
            assertEquals(Set.of("kubernetes.io/hostname", "topology.kubernetes.io/zone"), keys, name);
        }
    }

    @Test
    void prodTakesMailOnALoadBalancer() {
        assertEquals("LoadBalancer", render("prod").find("Service", "thread-service-smtp").orElseThrow()
                .path("spec").path("type").asText());
    }
}
