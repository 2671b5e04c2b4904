package dev.agentmail.runtime.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.runtime.error.ApiException;
import java.util.ArrayList;
import java.util.List;

/** Reads request body fields that the API lets take more than one JSON shape; a wrong shape is 400 naming the field. */
public final class JsonFields {

    private JsonFields() {
    }

    /** A string or an array of strings (null or absent: none), e.g. {@code add_labels} or {@code to}. */
    public static List<String> strings(String field, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    throw ApiException.invalidField(field, "must be a string or an array of strings");
                }
                values.add(element.textValue());
            }
            return values;
        }
        throw ApiException.invalidField(field, "must be a string or an array of strings");
    }
}
