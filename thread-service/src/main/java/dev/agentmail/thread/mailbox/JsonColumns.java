package dev.agentmail.thread.mailbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import java.util.List;
import java.util.Map;

/**
 * jsonb columns as JSON text. Hibernate Reactive reads a jsonb value only as a JSON object, but labels, addresses
 * and attachments are arrays; so each such column is converted to text here and cast in SQL by the entity's
 * {@code @ColumnTransformer} ({@code cast(col as text)} on read, {@code cast(cast(? as text) as jsonb)} on write),
 * as the outbox does with its payload. The stored JSON uses this mapper's own names, not the wire's.
 */
public final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private JsonColumns() {
    }

    static <T> String write(T value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a jsonb column", e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a jsonb column", e);
        }
    }

    /** A list of strings (labels, addresses, Message-IDs). */
    public static final class Strings implements AttributeConverter<List<String>, String> {

        @Override
        public String convertToDatabaseColumn(List<String> value) {
            return write(value);
        }

        @Override
        public List<String> convertToEntityAttribute(String json) {
            return read(json, new TypeReference<>() { });
        }
    }

    /** A map of strings (header fields). */
    public static final class StringMap implements AttributeConverter<Map<String, String>, String> {

        @Override
        public String convertToDatabaseColumn(Map<String, String> value) {
            return write(value);
        }

        @Override
        public Map<String, String> convertToEntityAttribute(String json) {
            return read(json, new TypeReference<>() { });
        }
    }

    /** A message's or thread's attachments. */
    public static final class Attachments implements AttributeConverter<List<StoredAttachment>, String> {

        @Override
        public String convertToDatabaseColumn(List<StoredAttachment> value) {
            return write(value);
        }

        @Override
        public List<StoredAttachment> convertToEntityAttribute(String json) {
            return read(json, new TypeReference<>() { });
        }
    }
}
