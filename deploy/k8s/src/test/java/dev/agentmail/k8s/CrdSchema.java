package dev.agentmail.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Validates a custom resource against its CustomResourceDefinition's schema (src/test/resources/crds) the way the
 * API server treats a structural schema under strict field validation: types (with int-or-string), enums, required
 * fields, bounds, patterns, oneOf/anyOf/allOf, and no field the schema does not declare unless it preserves unknown
 * fields. CEL rules ({@code x-kubernetes-validations}) and formats are not evaluated.
 */
final class CrdSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Optional<JsonNode>> SCHEMAS = new ConcurrentHashMap<>();

    private CrdSchema() {
    }

    /** The schema for a document's apiVersion and kind, if the tests carry one. */
    static Optional<JsonNode> of(JsonNode document) {
        String apiVersion = document.path("apiVersion").asText();
        String kind = document.path("kind").asText();
        return SCHEMAS.computeIfAbsent(apiVersion + "/" + kind, key -> {
            String resource = "/crds/" + apiVersion.replace('/', '_') + "_" + kind + ".json";
            try (InputStream in = CrdSchema.class.getResourceAsStream(resource)) {
                return in == null ? Optional.empty() : Optional.of(JSON.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Where the document breaks its schema, one sentence each; empty when it is valid. */
    static List<String> violations(JsonNode document, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        validate(document, schema, "", true, problems);
        return problems.stream().map(problem -> Rendered.describe(document) + ": " + problem).toList();
    }

    /**
     * @param closed whether fields the schema does not declare are errors; false inside oneOf/anyOf/allOf branches,
     *               which in structural schemas only add constraints to the fields declared around them
     */
    private static void validate(JsonNode value, JsonNode schema, String at, boolean closed, List<String> problems) {
        String where = at.isEmpty() ? "(root)" : at;
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(where + " is null");
            }
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                problems.add(where + " must be an integer or a string");
            }
        } else if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
            problems.add(where + " must be of type " + schema.get("type").asText() + ", not " + value.getNodeType());
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(where + " is " + value + ", not one of " + schema.get("enum"));
        }
        bounds(value, schema, where, problems);
        if (value.isObject()) {
            object(value, schema, at, closed, problems);
        } else if (value.isArray() && schema.has("items")) {
            for (int index = 0; index < value.size(); index++) {
                validate(value.get(index), schema.get("items"), at + "[" + index + "]", closed, problems);
            }
        }
        combinations(value, schema, at, where, problems);
    }

    private static void object(JsonNode value, JsonNode schema, String at, boolean closed, List<String> problems) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean open = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                || additional.isBoolean() && additional.asBoolean()
                || !closed
                // A bare "type: object" (metadata, for one) is not checked below its level.
                || !schema.has("properties") && !additional.isObject();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldAt = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
            if (properties.has(field.getKey())) {
                validate(field.getValue(), properties.get(field.getKey()), fieldAt, closed, problems);
            } else if (additional.isObject()) {
                validate(field.getValue(), additional, fieldAt, closed, problems);
            } else if (!open) {
                problems.add(fieldAt + " is not a field of this resource");
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add((at.isEmpty() ? "" : at + ".") + required.asText() + " is required");
            }
        }
    }

    private static void combinations(JsonNode value, JsonNode schema, String at, String where, List<String> problems) {
        for (JsonNode branch : schema.path("allOf")) {
            validate(value, branch, at, false, problems);
        }
        for (String combination : List.of("oneOf", "anyOf")) {
            if (!schema.has(combination)) {
                continue;
            }
            int matching = 0;
            for (JsonNode branch : schema.get(combination)) {
                List<String> branchProblems = new ArrayList<>();
                validate(value, branch, at, false, branchProblems);
                matching += branchProblems.isEmpty() ? 1 : 0;
            }
            if (combination.equals("oneOf") ? matching != 1 : matching == 0) {
                problems.add(where + " matches " + matching + " of the " + combination + " alternatives "
                        + schema.get(combination));
            }
        }
    }

    private static void bounds(JsonNode value, JsonNode schema, String where, List<String> problems) {
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                problems.add(where + " is below its minimum " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                problems.add(where + " is above its maximum " + schema.get("maximum"));
            }
        }
        if (value.isTextual()) {
            String text = value.asText();
            if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
                problems.add(where + " is shorter than " + schema.get("minLength"));
            }
            if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
                problems.add(where + " is longer than " + schema.get("maxLength"));
            }
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                problems.add(where + " does not match " + schema.get("pattern"));
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                problems.add(where + " has fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                problems.add(where + " has more than " + schema.get("maxItems") + " items");
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value) || candidate.isNumber() && value.isNumber()
                    && candidate.asDouble() == value.asDouble()) {
                return true;
            }
        }
        return false;
    }
}
