package dev.agentmail.inbox.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.runtime.error.ApiException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An inbox's metadata, AgentMail's rules: flat string, number or boolean values; at most {@value #MAX_KEYS} keys;
 * each key and each string value at most {@value #MAX_LENGTH} characters. Every violation is a 400 naming the key.
 * Immutable: {@link #merge} answers a new value.
 */
public final class Metadata {

    public static final int MAX_KEYS = 256;
    public static final int MAX_LENGTH = 256;

    private static final Metadata EMPTY = new Metadata(Map.of());

    private final Map<String, Object> values;

    private Metadata(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Metadata empty() {
        return EMPTY;
    }

    /** The metadata of a create request; absent or null means none. */
    public static Metadata ofCreate(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return EMPTY;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : entries(metadata)) {
            values.put(checkedKey(entry.getKey()), checkedValue(entry.getKey(), entry.getValue()));
        }
        return checkedSize(values);
    }

    /** Metadata as stored; it was checked on the way in. */
    public static Metadata ofStored(Map<String, Object> stored) {
        return stored == null || stored.isEmpty() ? EMPTY : new Metadata(new LinkedHashMap<>(stored));
    }

    /**
     * A PATCH's {@code metadata}: keys sent are added or overwritten, keys omitted kept, a key sent as null
     * removed; {@code null} clears everything; an empty object is refused, as it would change nothing by accident.
     * The key limit applies to the merged result.
     */
    public Metadata merge(JsonNode patch) {
        if (patch.isNull()) {
            return EMPTY;
        }
        if (patch.isObject() && patch.isEmpty()) {
            throw ApiException.invalidField("metadata", "must not be empty: send the keys to set (a key as null "
                    + "removes it), or \"metadata\": null to remove all metadata");
        }
        Map<String, Object> merged = new LinkedHashMap<>(values);
        for (Map.Entry<String, JsonNode> entry : entries(patch)) {
            if (entry.getValue().isNull()) {
                merged.remove(entry.getKey());
            } else {
                merged.put(checkedKey(entry.getKey()), checkedValue(entry.getKey(), entry.getValue()));
            }
        }
        return checkedSize(merged);
    }

    /** The values, or null when there are none (the inbox then shows no metadata). */
    public Map<String, Object> toMapOrNull() {
        return values.isEmpty() ? null : values;
    }

    public int size() {
        return values.size();
    }

    private static Iterable<Map.Entry<String, JsonNode>> entries(JsonNode metadata) {
        if (!metadata.isObject()) {
            throw ApiException.invalidField("metadata", "must be an object of string, number or boolean values");
        }
        return metadata::fields;
    }

    private static String checkedKey(String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw ApiException.invalidField(field(key), "keys must be 1 to " + MAX_LENGTH + " characters");
        }
        return key;
    }

    private static Object checkedValue(String key, JsonNode value) {
        if (value.isTextual()) {
            if (value.textValue().length() > MAX_LENGTH) {
                throw ApiException.invalidField(field(key), "string values must be at most " + MAX_LENGTH
                        + " characters");
            }
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw ApiException.invalidField(field(key), "must be a string, number or boolean (not "
                + value.getNodeType().name().toLowerCase(Locale.ROOT) + ")");
    }

    private static Metadata checkedSize(Map<String, Object> values) {
        if (values.size() > MAX_KEYS) {
            throw ApiException.invalidField("metadata", "at most " + MAX_KEYS + " keys (this would make "
                    + values.size() + ")");
        }
        return values.isEmpty() ? EMPTY : new Metadata(values);
    }

    private static String field(String key) {
        return "metadata." + key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Metadata metadata && values.equals(metadata.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
