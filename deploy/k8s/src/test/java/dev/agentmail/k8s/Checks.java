package dev.agentmail.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a rendered overlay must satisfy. Each check returns the problems it finds, one sentence each, so that a test
 * shows all of them at once and the negative tests can feed it broken documents.
 */
final class Checks {

    private static final String HEALTH = "/q/health";

    private Checks() {
    }

    /**
     * Every document parses strictly into its Kubernetes model, or is an operator's resource that its CRD's schema
     * accepts and that has the fields the suite relies on.
     */
    static List<String> documentsAreWellFormed(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (JsonNode document : rendered.documents()) {
            if (OperatorKinds.isOperatorKind(document)) {
                problems.addAll(OperatorKinds.missingFields(document));
                CrdSchema.of(document).ifPresentOrElse(
                        schema -> problems.addAll(CrdSchema.violations(document, schema)),
                        () -> problems.add("no CRD schema in src/test/resources/crds for " + Rendered.describe(document)));
            } else {
                try {
                    StrictModel.parse(document);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return problems;
    }

    /** Probes on the health endpoints, requests and limits, non-root, read-only root filesystem with a writable /tmp. */
    static List<String> deploymentsAreHardened(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : deployments(rendered)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String name = "Deployment/" + deployment.getMetadata().getName();
            PodSecurityContext podSecurity = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
            for (Container container : pod.getContainers()) {
                String at = name + " container " + container.getName();
                SecurityContext security = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
                probe(at, "liveness", container.getLivenessProbe(), container, problems);
                probe(at, "readiness", container.getReadinessProbe(), container, problems);
                probe(at, "startup", container.getStartupProbe(), container, problems);
                ResourceRequirements resources = Optional.ofNullable(container.getResources()).orElseGet(ResourceRequirements::new);
                for (String resource : List.of("cpu", "memory")) {
                    if (quantity(resources.getRequests(), resource) == null) {
                        problems.add(at + " requests no " + resource);
                    }
                    if (quantity(resources.getLimits(), resource) == null) {
                        problems.add(at + " has no " + resource + " limit");
                    }
                }
                boolean nonRoot = Boolean.TRUE.equals(first(security.getRunAsNonRoot(), podSecurity.getRunAsNonRoot()));
                Long user = first(security.getRunAsUser(), podSecurity.getRunAsUser());
                if (!nonRoot || Objects.equals(user, 0L)) {
                    problems.add(at + " may run as root (runAsNonRoot must be true, runAsUser not 0)");
                }
                if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
                    problems.add(at + " has a writable root filesystem");
                }
                if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                    problems.add(at + " allows privilege escalation");
                }
                if (security.getCapabilities() == null || !security.getCapabilities().getDrop().contains("ALL")) {
                    problems.add(at + " keeps Linux capabilities (drop ALL)");
                }
                if (container.getVolumeMounts().stream().noneMatch(mount -> "/tmp".equals(mount.getMountPath()))) {
                    problems.add(at + " has no writable /tmp for the JVM");
                }
                if (container.getImage() == null || container.getImage().isBlank()) {
                    problems.add(at + " names no image");
                }
            }
        }
        return problems;
    }

    /**
     * After SIGTERM a pod first waits out its preStop pause (while endpoints drop it), then Quarkus drains requests
     * for QUARKUS_SHUTDOWN_TIMEOUT; the grace period must outlast both, or the drain ends in SIGKILL.
     */
    static List<String> shutdownOutlastsDrain(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : deployments(rendered)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            long grace = Optional.ofNullable(pod.getTerminationGracePeriodSeconds()).orElse(30L);
            for (Container container : pod.getContainers()) {
                String at = "Deployment/" + deployment.getMetadata().getName() + " container " + container.getName();
                Optional<String> drain = environment(rendered, container).getOrDefault("QUARKUS_SHUTDOWN_TIMEOUT", Optional.empty());
                if (drain.isEmpty()) {
                    problems.add(at + " sets no QUARKUS_SHUTDOWN_TIMEOUT: in-flight requests are not drained");
                    continue;
                }
                long pause = container.getLifecycle() != null && container.getLifecycle().getPreStop() != null
                        && container.getLifecycle().getPreStop().getSleep() != null
                                ? container.getLifecycle().getPreStop().getSleep().getSeconds()
                                : 0;
                long needed = pause + Duration.parse("PT" + drain.get().toUpperCase()).toSeconds();
                if (grace <= needed) {
                    problems.add(at + ": terminationGracePeriodSeconds " + grace + " does not outlast preStop " + pause
                            + " s + drain " + drain.get());
                }
            }
        }
        return problems;
    }

    /** Every Service selects a Deployment's pods, and each port it targets is a port of their containers. */
    static List<String> serviceTargetsExist(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (Service service : rendered.typed("Service", Service.class)) {
            String at = "Service/" + service.getMetadata().getName();
            List<Deployment> selected = selectedBy(rendered, service.getSpec().getSelector());
            if (selected.isEmpty()) {
                problems.add(at + " selects no Deployment's pods");
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = Optional.ofNullable(port.getTargetPort()).orElse(new IntOrString(port.getPort()));
                for (Deployment deployment : selected) {
                    if (containerPorts(deployment).noneMatch(declared -> matches(declared, target))) {
                        problems.add(at + " targets port " + text(target) + ", which no container of Deployment/"
                                + deployment.getMetadata().getName() + " declares");
                    }
                }
            }
        }
        for (Ingress ingress : rendered.typed("Ingress", Ingress.class)) {
            ingress.getSpec().getRules().stream().flatMap(rule -> rule.getHttp().getPaths().stream())
                    .map(path -> path.getBackend().getService())
                    .forEach(backend -> problems.addAll(backendExists(rendered, "Ingress/" + ingress.getMetadata().getName(), backend)));
        }
        return problems;
    }

    /**
     * Every Secret and ConfigMap a workload or an operator's resource refers to exists, with the key it reads: in
     * the render, or (Secrets holding credentials) made by deploy/k8s/create-secrets.
     */
    static List<String> referencesResolve(Rendered rendered, Map<String, Set<String>> suppliedSecrets) {
        Map<String, Set<String>> secrets = new HashMap<>(suppliedSecrets);
        Map<String, Set<String>> configMaps = new HashMap<>();
        for (JsonNode secret : rendered.ofKind("Secret")) {
            Set<String> keys = new java.util.HashSet<>();
            secret.path("data").fieldNames().forEachRemaining(keys::add);
            secret.path("stringData").fieldNames().forEachRemaining(keys::add);
            secrets.put(Rendered.name(secret), keys);
        }
        for (ConfigMap configMap : rendered.typed("ConfigMap", ConfigMap.class)) {
            configMaps.put(configMap.getMetadata().getName(), configMap.getData() == null ? Set.of() : configMap.getData().keySet());
        }
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : deployments(rendered)) {
            String at = "Deployment/" + deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (Container container : pod.getContainers()) {
                for (EnvFromSource source : container.getEnvFrom()) {
                    if (source.getConfigMapRef() != null) {
                        refer(at, "ConfigMap", configMaps, source.getConfigMapRef().getName(), null, problems);
                    }
                    if (source.getSecretRef() != null) {
                        refer(at, "Secret", secrets, source.getSecretRef().getName(), null, problems);
                    }
                }
                for (EnvVar variable : container.getEnv()) {
                    if (variable.getValueFrom() == null) {
                        continue;
                    }
                    var secretKey = variable.getValueFrom().getSecretKeyRef();
                    if (secretKey != null) {
                        refer(at, "Secret", secrets, secretKey.getName(), secretKey.getKey(), problems);
                    }
                    var configMapKey = variable.getValueFrom().getConfigMapKeyRef();
                    if (configMapKey != null) {
                        refer(at, "ConfigMap", configMaps, configMapKey.getName(), configMapKey.getKey(), problems);
                    }
                }
            }
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    refer(at, "Secret", secrets, volume.getSecret().getSecretName(), null, problems);
                }
                if (volume.getConfigMap() != null) {
                    refer(at, "ConfigMap", configMaps, volume.getConfigMap().getName(), null, problems);
                }
            }
            pod.getImagePullSecrets().forEach(secret -> refer(at, "Secret", secrets, secret.getName(), null, problems));
        }
        for (Ingress ingress : rendered.typed("Ingress", Ingress.class)) {
            ingress.getSpec().getTls().forEach(tls -> refer("Ingress/" + ingress.getMetadata().getName(), "Secret",
                    secrets, tls.getSecretName(), null, problems));
        }
        // CloudNativePG sets each managed role's password from a basic-auth Secret (username and password).
        for (JsonNode cluster : rendered.ofKind("Cluster")) {
            for (JsonNode role : cluster.path("spec").path("managed").path("roles")) {
                String secret = role.path("passwordSecret").path("name").asText(null);
                if (secret != null) {
                    refer(Rendered.describe(cluster), "Secret", secrets, secret, "username", problems);
                    refer(Rendered.describe(cluster), "Secret", secrets, secret, "password", problems);
                }
            }
        }
        return problems;
    }

    /** Every topic the deployed services read or write (their application.properties) has a KafkaTopic. */
    static List<String> topicsAreDeclared(Rendered rendered) {
        Set<String> declared = new java.util.HashSet<>();
        for (JsonNode topic : rendered.ofKind("KafkaTopic")) {
            declared.add(topic.path("spec").path("topicName").asText(Rendered.name(topic)));
        }
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : deployments(rendered)) {
            String module = deployment.getMetadata().getName();
            if (!SuiteSources.isModule(module)) {
                problems.add("Deployment/" + module + " is not named like a service module, so its topics are unknown");
                continue;
            }
            for (String topic : SuiteSources.topicsOf(module)) {
                if (!declared.contains(topic)) {
                    problems.add(module + " uses topic " + topic + ", which no KafkaTopic declares");
                }
            }
        }
        return problems;
    }

    /**
     * The operators' resources fit together: node pools and topics name an existing Kafka, a topic has no more copies
     * than there are brokers and needs fewer in sync than it has (so one broker may be down), and every Database
     * belongs to a Cluster and is owned by one of its managed roles.
     */
    static List<String> operatorResourcesFit(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> brokers = new HashMap<>();
        for (JsonNode pool : rendered.ofKind("KafkaNodePool")) {
            String cluster = pool.path("metadata").path("labels").path("strimzi.io/cluster").asText();
            if (rendered.find("Kafka", cluster).isEmpty()) {
                problems.add(Rendered.describe(pool) + " belongs to Kafka " + cluster + ", which is not rendered");
            }
            boolean broker = false;
            for (JsonNode role : pool.path("spec").path("roles")) {
                broker |= role.asText().equals("broker");
            }
            if (broker) {
                brokers.merge(cluster, pool.path("spec").path("replicas").asInt(), Integer::sum);
            }
        }
        for (JsonNode topic : rendered.ofKind("KafkaTopic")) {
            String cluster = topic.path("metadata").path("labels").path("strimzi.io/cluster").asText();
            String at = Rendered.describe(topic);
            int replicas = topic.path("spec").path("replicas").asInt();
            int available = brokers.getOrDefault(cluster, 0);
            if (replicas > available) {
                problems.add(at + " wants " + replicas + " replicas of Kafka " + cluster + " with " + available + " brokers");
            }
            JsonNode minInSync = topic.path("spec").path("config").path("min.insync.replicas");
            if (minInSync.isMissingNode() || minInSync.asInt() > replicas || (replicas > 1 && minInSync.asInt() >= replicas)) {
                problems.add(at + " has min.insync.replicas " + minInSync.asText("unset") + " for " + replicas + " replicas");
            }
        }
        for (JsonNode database : rendered.ofKind("Database")) {
            String clusterName = database.path("spec").path("cluster").path("name").asText();
            Optional<JsonNode> cluster = rendered.find("Cluster", clusterName);
            String owner = database.path("spec").path("owner").asText();
            if (cluster.isEmpty()) {
                problems.add(Rendered.describe(database) + " is in Cluster " + clusterName + ", which is not rendered");
            } else if (managedRole(cluster.get(), owner).isEmpty()) {
                problems.add(Rendered.describe(database) + " is owned by " + owner + ", not a managed role of its Cluster");
            }
        }
        return problems;
    }

    /**
     * Each service's environment points at what the render has: its database (a Database, through the Cluster's
     * read-write Service, logged in as the owner's role), the Kafka bootstrap Service and listener port, in-cluster
     * URLs at existing Services and ports, and the issuer the services trust at the one auth-service announces.
     */
    static List<String> wiringResolves(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Optional<String>>> environments = new HashMap<>();
        for (Deployment deployment : deployments(rendered)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String at = "Deployment/" + deployment.getMetadata().getName();
                Map<String, Optional<String>> env = environment(rendered, container);
                environments.put(deployment.getMetadata().getName(), env);
                env.getOrDefault("QUARKUS_DATASOURCE_REACTIVE_URL", Optional.empty())
                        .ifPresent(url -> problems.addAll(database(rendered, at, url, container, env)));
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", Optional.empty())
                        .ifPresent(servers -> problems.addAll(kafkaBootstrap(rendered, at, servers)));
                env.forEach((variable, value) -> value.filter(text -> text.startsWith("http://"))
                        .ifPresent(url -> problems.addAll(inClusterUrl(rendered, at + " " + variable, url))));
            }
        }
        Optional<String> issuer = environments.getOrDefault("auth-service", Map.of())
                .getOrDefault("AGENTMAIL_AUTH_ISSUER", Optional.empty());
        environments.forEach((service, env) -> env.getOrDefault("QUARKUS_OIDC_AUTH_SERVER_URL", Optional.empty())
                .filter(trusted -> !Optional.of(trusted).equals(issuer))
                .ifPresent(trusted -> problems.add(service + " trusts issuer " + trusted
                        + " but auth-service announces " + issuer.orElse("none"))));
        return problems;
    }

    /** Autoscalers and disruption budgets refer to Deployments that exist. */
    static List<String> scalingTargetsExist(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (JsonNode autoscaler : rendered.ofKind("HorizontalPodAutoscaler")) {
            JsonNode target = autoscaler.path("spec").path("scaleTargetRef");
            if (!target.path("kind").asText().equals("Deployment")
                    || rendered.find("Deployment", target.path("name").asText()).isEmpty()) {
                problems.add(Rendered.describe(autoscaler) + " scales " + target + ", which is not a rendered Deployment");
            }
        }
        for (JsonNode budget : rendered.ofKind("PodDisruptionBudget")) {
            Map<String, String> selector = new HashMap<>();
            budget.path("spec").path("selector").path("matchLabels").fields()
                    .forEachRemaining(entry -> selector.put(entry.getKey(), entry.getValue().asText()));
            if (selector.isEmpty() || selectedBy(rendered, selector).isEmpty()) {
                problems.add(Rendered.describe(budget) + " selects no Deployment's pods");
            }
        }
        return problems;
    }

    /**
     * Ingress is denied by default; only the gateway (and thread-service's SMTP port, where mail servers connect)
     * admit traffic from anywhere; every service's pods have a policy that closes their egress too.
     */
    static List<String> networkIsClosedByDefault(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        List<NetworkPolicy> policies = rendered.typed("NetworkPolicy", NetworkPolicy.class);
        boolean denyAll = policies.stream().anyMatch(policy -> policy.getSpec().getPodSelector().getMatchLabels().isEmpty()
                && policy.getSpec().getPodSelector().getMatchExpressions().isEmpty()
                && policy.getSpec().getPolicyTypes().contains("Ingress") && policy.getSpec().getIngress().isEmpty());
        if (!denyAll) {
            problems.add("no NetworkPolicy denies ingress to every pod by default");
        }
        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                if (!rule.getFrom().isEmpty()) {
                    continue;
                }
                String pods = policy.getSpec().getPodSelector().getMatchLabels().getOrDefault("app.kubernetes.io/name", "");
                boolean smtpOnly = !rule.getPorts().isEmpty() && rule.getPorts().stream()
                        .allMatch(port -> port.getPort() != null && "smtp".equals(port.getPort().getStrVal()));
                if (!pods.equals("gateway") && !smtpOnly) {
                    problems.add("NetworkPolicy/" + policy.getMetadata().getName() + " admits traffic from anywhere to "
                            + policy.getSpec().getPodSelector().getMatchLabels());
                }
            }
        }
        for (Deployment deployment : deployments(rendered)) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            boolean egressClosed = policies.stream().anyMatch(policy -> policy.getSpec().getPolicyTypes().contains("Egress")
                    && labels.entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()));
            if (!egressClosed) {
                problems.add("Deployment/" + deployment.getMetadata().getName() + " has no NetworkPolicy closing its egress");
            }
        }
        return problems;
    }

    static List<Deployment> deployments(Rendered rendered) {
        return rendered.typed("Deployment", Deployment.class);
    }

    /** A container's environment: its own variables over those of its ConfigMaps; values from Secrets are empty. */
    static Map<String, Optional<String>> environment(Rendered rendered, Container container) {
        Map<String, Optional<String>> env = new HashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                rendered.find("ConfigMap", source.getConfigMapRef().getName())
                        .ifPresent(map -> map.path("data").fields()
                                .forEachRemaining(entry -> env.put(entry.getKey(), Optional.of(entry.getValue().asText()))));
            }
        }
        for (EnvVar variable : container.getEnv()) {
            env.put(variable.getName(), Optional.ofNullable(variable.getValue()));
        }
        return env;
    }

    private static List<String> database(Rendered rendered, String at, String reactiveUrl, Container container,
            Map<String, Optional<String>> env) {
        List<String> problems = new ArrayList<>();
        URI url = URI.create(reactiveUrl);
        String name = url.getPath().substring(1);
        String clusterName = url.getHost().replaceFirst("-rw$", "");
        Optional<JsonNode> database = rendered.ofKind("Database").stream()
                .filter(candidate -> candidate.path("spec").path("name").asText().equals(name)).findFirst();
        if (!url.getHost().endsWith("-rw") || rendered.find("Cluster", clusterName).isEmpty()) {
            problems.add(at + " connects to " + url.getHost() + ", not the read-write Service of a rendered Cluster");
        }
        if (database.isEmpty()) {
            problems.add(at + " uses database " + name + ", which no Database declares");
            return problems;
        }
        String jdbc = env.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", Optional.empty()).orElse("");
        if (!jdbc.equals("jdbc:" + reactiveUrl)) {
            problems.add(at + ": Flyway's JDBC URL " + jdbc + " is not the same database as " + reactiveUrl);
        }
        String owner = database.get().path("spec").path("owner").asText();
        String ownerSecret = rendered.find("Cluster", clusterName).flatMap(cluster -> managedRole(cluster, owner))
                .map(role -> role.path("passwordSecret").path("name").asText()).orElse("");
        for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            String secret = container.getEnv().stream().filter(candidate -> candidate.getName().equals(variable))
                    .map(candidate -> candidate.getValueFrom() == null || candidate.getValueFrom().getSecretKeyRef() == null
                            ? "" : candidate.getValueFrom().getSecretKeyRef().getName())
                    .findFirst().orElse("");
            if (!secret.equals(ownerSecret)) {
                problems.add(at + " takes " + variable + " from Secret '" + secret + "', not from " + owner
                        + "'s role Secret '" + ownerSecret + "'");
            }
        }
        return problems;
    }

    private static List<String> kafkaBootstrap(Rendered rendered, String at, String servers) {
        List<String> problems = new ArrayList<>();
        for (String server : servers.split(",")) {
            String[] hostAndPort = server.trim().split(":");
            String cluster = hostAndPort[0].replaceFirst("-kafka-bootstrap$", "");
            Optional<JsonNode> kafka = rendered.find("Kafka", cluster);
            boolean listens = kafka.isPresent() && hostAndPort.length == 2
                    && Stream.of(hostAndPort[1]).anyMatch(port -> {
                        for (JsonNode listener : kafka.get().path("spec").path("kafka").path("listeners")) {
                            if (listener.path("port").asText().equals(port)) {
                                return true;
                            }
                        }
                        return false;
                    });
            if (!hostAndPort[0].endsWith("-kafka-bootstrap") || !listens) {
                problems.add(at + " bootstraps from " + server + ", not a listener of a rendered Kafka");
            }
        }
        return problems;
    }

    /** A URL whose host is a bare name is in-cluster: a Service of this namespace, on one of its ports. */
    private static List<String> inClusterUrl(Rendered rendered, String at, String text) {
        URI url = URI.create(text);
        if (url.getHost() == null || url.getHost().contains(".")) {
            return List.of();
        }
        Optional<JsonNode> service = rendered.find("Service", url.getHost());
        boolean port = service.isPresent() && Stream.of(service.get().path("spec").path("ports"))
                .flatMap(ports -> java.util.stream.StreamSupport.stream(ports.spliterator(), false))
                .anyMatch(candidate -> candidate.path("port").asInt() == url.getPort());
        return port ? List.of() : List.of(at + " points at " + text + ", which no rendered Service serves");
    }

    private static List<String> backendExists(Rendered rendered, String at, IngressServiceBackend backend) {
        Optional<Service> service = rendered.typed("Service", Service.class).stream()
                .filter(candidate -> candidate.getMetadata().getName().equals(backend.getName())).findFirst();
        boolean port = service.isPresent() && service.get().getSpec().getPorts().stream().anyMatch(candidate ->
                Objects.equals(candidate.getName(), backend.getPort().getName())
                        || Objects.equals(candidate.getPort(), backend.getPort().getNumber()));
        return port ? List.of() : List.of(at + " routes to " + backend.getName() + ":" + backend.getPort() + ", which is not rendered");
    }

    private static Optional<JsonNode> managedRole(JsonNode cluster, String name) {
        for (JsonNode role : cluster.path("spec").path("managed").path("roles")) {
            if (role.path("name").asText().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private static void probe(String at, String kind, Probe probe, Container container, List<String> problems) {
        if (probe == null) {
            problems.add(at + " has no " + kind + " probe");
        } else if (probe.getHttpGet() == null || !probe.getHttpGet().getPath().startsWith(HEALTH)) {
            problems.add(at + "'s " + kind + " probe does not ask Quarkus' health endpoints (" + HEALTH + ")");
        } else if (container.getPorts().stream().noneMatch(port -> matches(port, probe.getHttpGet().getPort()))) {
            problems.add(at + "'s " + kind + " probe asks port " + text(probe.getHttpGet().getPort())
                    + ", which the container does not declare");
        }
    }

    private static void refer(String at, String kind, Map<String, Set<String>> defined, String name, String key,
            List<String> problems) {
        if (!defined.containsKey(name)) {
            problems.add(at + " refers to " + kind + " " + name + ", which is neither rendered"
                    + (kind.equals("Secret") ? " nor made by deploy/k8s/create-secrets" : ""));
        } else if (key != null && !defined.get(name).contains(key)) {
            problems.add(at + " reads key " + key + " of " + kind + " " + name + ", which has only " + defined.get(name));
        }
    }

    private static List<Deployment> selectedBy(Rendered rendered, Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return deployments(rendered).stream().filter(deployment -> deployment.getSpec().getTemplate().getMetadata()
                .getLabels().entrySet().containsAll(selector.entrySet())).toList();
    }

    private static Stream<ContainerPort> containerPorts(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream());
    }

    private static boolean matches(ContainerPort declared, IntOrString port) {
        return port != null && (port.getIntVal() != null ? port.getIntVal().equals(declared.getContainerPort())
                : port.getStrVal().equals(declared.getName()));
    }

    private static String text(IntOrString port) {
        return port == null ? "(none)" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    private static Quantity quantity(Map<String, Quantity> quantities, String name) {
        return quantities == null ? null : quantities.get(name);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
