package dev.agentmail.k8s;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The documents one overlay renders to, in order, as trees and (through {@link StrictModel}) as typed objects. */
record Rendered(String overlay, List<JsonNode> documents) {

    private static final YAMLMapper YAML = new YAMLMapper();

    static Rendered parse(String overlay, String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(yaml);
                MappingIterator<JsonNode> values = YAML.readValues(parser, JsonNode.class)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("overlay " + overlay + " rendered YAML that does not parse", e);
        }
        return new Rendered(overlay, List.copyOf(documents));
    }

    List<JsonNode> ofKind(String kind) {
        return documents.stream().filter(document -> kind.equals(document.path("kind").asText())).toList();
    }

    /** Every document of a kind that the strict model knows, as its model class. */
    <T> List<T> typed(String kind, Class<T> type) {
        return ofKind(kind).stream().map(document -> type.cast(StrictModel.parse(document))).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(document -> name.equals(Rendered.name(document))).findFirst();
    }

    static String name(JsonNode document) {
        return document.path("metadata").path("name").asText();
    }

    static String describe(JsonNode document) {
        return document.path("kind").asText() + "/" + name(document);
    }
}
