package dev.agentmail.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a rendered document into its fabric8 Kubernetes model, strictly. fabric8's classes collect fields they do
 * not know into "additionalProperties" (a misspelled {@code readinesProbe} would pass unnoticed, and the API server
 * would drop or refuse it); this mapper ignores those catch-alls, so an unknown field anywhere fails with its path.
 * Only the kinds and API versions in the table parse: a new kind is added here deliberately.
 */
final class StrictModel {

    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class));

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return false;
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private StrictModel() {
    }

    /** The model class of a document's apiVersion and kind, if this table has one. */
    static Optional<Class<?>> modelOf(JsonNode document) {
        return Optional.ofNullable(KINDS.get(document.path("apiVersion").asText() + "/" + document.path("kind").asText()));
    }

    /** The document as its model object; an unknown kind, field or wrong type throws, naming where. */
    static Object parse(JsonNode document) {
        Class<?> type = modelOf(document).orElseThrow(() -> new IllegalArgumentException(
                "no Kubernetes model for " + document.path("apiVersion").asText() + " " + Rendered.describe(document)));
        try {
            return MAPPER.treeToValue(document, type);
        } catch (IOException e) {
            throw new IllegalArgumentException(Rendered.describe(document) + ": " + e.getMessage(), e);
        }
    }
}
