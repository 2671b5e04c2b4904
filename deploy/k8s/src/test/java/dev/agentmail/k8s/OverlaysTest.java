package dev.agentmail.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay, rendered with {@code kubectl kustomize} as a user's {@code kubectl apply -k} would, and checked. */
class OverlaysTest {

    static List<String> overlays() {
        return Kustomize.overlays();
    }

    private static Rendered render(String overlay) {
        assumeTrue(Kustomize.available(), "kubectl is not installed: the rendering of deploy/k8s is not checked");
        return Kustomize.render(overlay);
    }

    private static void assertNone(List<String> problems) {
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void thereAreDevAndProdOverlays() {
        assertTrue(overlays().containsAll(List.of("dev", "prod")), overlays().toString());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDocumentParsesIntoItsModelOrHasItsOperatorsRequiredFields(String overlay) {
        Rendered rendered = render(overlay);
        assertFalse(rendered.documents().isEmpty());
        assertNone(Checks.documentsAreWellFormed(rendered));
        // The closing note of issue 6 lists what each overlay renders: printed here, kind by kind.
        Map<String, Integer> kinds = new TreeMap<>();
        rendered.documents().forEach(document -> kinds.merge(document.path("kind").asText(), 1, Integer::sum));
        System.out.println("overlays/" + overlay + " renders " + rendered.documents().size() + " objects: " + kinds);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasProbesLimitsAndRunsAsNonRootOnAReadOnlyRoot(String overlay) {
        assertNone(Checks.deploymentsAreHardened(render(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void gracePeriodOutlastsTheDrain(String overlay) {
        assertNone(Checks.shutdownOutlastsDrain(render(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPortAServiceTargetsExists(String overlay) {
        assertNone(Checks.serviceTargetsExist(render(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferencedSecretAndConfigMapIsDefined(String overlay) {
        assertNone(Checks.referencesResolve(render(overlay), SuiteSources.suppliedSecrets()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicTheServicesUseHasAKafkaTopic(String overlay) {
        assertNone(Checks.topicsAreDeclared(render(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaAndPostgresResourcesFitTogether(String overlay) {
        assertNone(Checks.operatorResourcesFit(render(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesAreWiredToWhatIsRendered(String overlay) {
        assertNone(Checks.wiringResolves(render(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void autoscalersAndDisruptionBudgetsTargetDeployments(String overlay) {
        assertNone(Checks.scalingTargetsExist(render(overlay)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void networkIsDeniedByDefaultAndOnlyTheGatewayIsOpen(String overlay) {
        assertNone(Checks.networkIsClosedByDefault(render(overlay)));
    }
}
