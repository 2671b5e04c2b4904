package dev.agentmail.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks fail on what they are meant to catch (fed small hand-written renders; no kubectl needed). */
class ChecksCatchMistakesTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: gateway
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/name: gateway
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: gateway
                spec:
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 185
                  containers:
                    - name: gateway
                      image: agentmail/gateway:1
                      ports:
                        - name: http
                          containerPort: 8080
                      %s
                      resources:
                        requests: {cpu: 100m, memory: 256Mi}
                        limits: {cpu: 500m, memory: 384Mi}
                      securityContext:
                        readOnlyRootFilesystem: true
                        allowPrivilegeEscalation: false
                        capabilities: {drop: [ALL]}
                      volumeMounts:
                        - {name: tmp, mountPath: /tmp}
                  volumes:
                    - name: tmp
                      emptyDir: {}
            """;

    private static final String PROBES = """
            livenessProbe: {httpGet: {path: /q/health/live, port: http}}
                      readinessProbe: {httpGet: {path: /q/health/ready, port: http}}
                      startupProbe: {httpGet: {path: /q/health/started, port: http}}""";

    private static Rendered render(String... documents) {
        return Rendered.parse("test", String.join("\n---\n", documents));
    }

    @Test
    void aSoundDeploymentPasses() {
        Rendered rendered = render(DEPLOYMENT.formatted(PROBES));
        assertEquals(List.of(), Checks.documentsAreWellFormed(rendered));
        assertEquals(List.of(), Checks.deploymentsAreHardened(rendered));
    }

    @Test
    void aMisspelledFieldFailsTheStrictModel() {
        Rendered rendered = render(DEPLOYMENT.formatted(PROBES.replace("readinessProbe", "readinesProbe")));
        List<String> problems = Checks.documentsAreWellFormed(rendered);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("readinesProbe"), problems.get(0));
    }

    @Test
    void anUnknownKindFails() {
        Rendered rendered = render("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
        assertTrue(Checks.documentsAreWellFormed(rendered).get(0).contains("no Kubernetes model"));
    }

    @Test
    void aDeploymentWithoutProbesLimitsOrNonRootFails() {
        String weak = DEPLOYMENT.formatted("").replace("runAsNonRoot: true", "runAsNonRoot: false")
                .replace("limits: {cpu: 500m, memory: 384Mi}", "limits: {cpu: 500m}")
                .replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false");
        List<String> problems = Checks.deploymentsAreHardened(render(weak));
        assertEquals(6, problems.size(), String.join("\n", problems));
    }

    @Test
    void aServiceTargetingAnUndeclaredPortFails() {
        String service = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: gateway
                spec:
                  selector:
                    app.kubernetes.io/name: gateway
                  ports:
                    - name: http
                      port: 80
                      targetPort: web
                """;
        List<String> problems = Checks.serviceTargetsExist(render(DEPLOYMENT.formatted(PROBES), service));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("targets port web"));
    }

    @Test
    void anUndefinedSecretOrKeyFails() {
        String env = String.join("\n",
                "env:",
                "            - {name: A, valueFrom: {secretKeyRef: {name: missing, key: k}}}",
                "            - {name: B, valueFrom: {secretKeyRef: {name: supplied, key: wrong}}}");
        String withSecret = DEPLOYMENT.formatted(env);
        List<String> problems = Checks.referencesResolve(render(withSecret), Map.of("supplied", Set.of("right")));
        assertEquals(2, problems.size(), String.join("\n", problems));
    }

    @Test
    void anOperatorResourceWithoutARequiredFieldFails() {
        String topic = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata:
                  name: inbox-events
                  labels: {strimzi.io/cluster: agentmail}
                spec:
                  topicName: inbox.events
                  replicas: 3
                """;
        assertEquals(List.of("KafkaTopic/inbox-events lacks spec.partitions"), Checks.documentsAreWellFormed(render(topic)));
    }

    @Test
    void anOperatorResourceTheCrdSchemaRejectsFails() {
        String kafka = """
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata:
                  name: agentmail
                spec:
                  kafka:
                    listeners:
                      - {name: plain, port: 9092, type: internal, tls: "no"}
                    replicas: 3
                  entityOperator:
                    topicOperator: {}
                """;
        assertEquals(List.of("Kafka/agentmail: spec.kafka.listeners[0].tls must be of type boolean, not STRING",
                "Kafka/agentmail: spec.kafka.replicas is not a field of this resource"),
                Checks.documentsAreWellFormed(render(kafka)));
    }

    @Test
    void theSecretsScriptIsReadForNamesAndKeys() {
        Map<String, Set<String>> secrets = SuiteSources.suppliedSecrets(List.of(
                "secret agentmail-db-auth --type=kubernetes.io/basic-auth username=agentmail_auth password=\"$(random 32)\"",
                "# secret commented-out x=y"));
        assertEquals(Map.of("agentmail-db-auth", Set.of("username", "password")), secrets);
    }
}
