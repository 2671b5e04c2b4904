package dev.agentmail.inbox.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.runtime.error.ApiError;
import dev.agentmail.runtime.error.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MetadataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stringNumberAndBooleanValuesAreKept() {
        Metadata metadata = Metadata.ofCreate(json("{\"team\":\"sales\",\"seats\":3,\"ratio\":0.5,\"vip\":true}"));

        assertEquals(Map.of("team", "sales", "seats", 3, "ratio", 0.5, "vip", true), metadata.toMapOrNull());
    }

    @Test
    void absentOrNullMetadataIsEmpty() {
        assertNull(Metadata.ofCreate(null).toMapOrNull());
        assertNull(Metadata.ofCreate(json("null")).toMapOrNull());
    }

    @Test
    void nestedObjectIsRejectedNamingTheKey() {
        assertRejected("metadata.owner", () -> Metadata.ofCreate(json("{\"owner\":{\"name\":\"x\"}}")));
    }

    @Test
    void arrayIsRejectedNamingTheKey() {
        assertRejected("metadata.tags", () -> Metadata.ofCreate(json("{\"tags\":[\"a\"]}")));
    }

    @Test
    void nullValueIsRejectedOnCreate() {
        assertRejected("metadata.team", () -> Metadata.ofCreate(json("{\"team\":null}")));
    }

    @Test
    void metadataThatIsNotAnObjectIsRejected() {
        assertRejected("metadata", () -> Metadata.ofCreate(json("[1]")));
    }

    @Test
    void twoHundredFiftySixKeysAreAccepted() {
        assertEquals(256, Metadata.ofCreate(keys(256)).size());
    }

    @Test
    void twoHundredFiftySevenKeysAreRejected() {
        assertRejected("metadata", () -> Metadata.ofCreate(keys(257)));
    }

    @Test
    void keyOfTwoHundredFiftySixCharactersIsAccepted() {
        assertEquals(1, Metadata.ofCreate(object("k".repeat(256), "v")).size());
    }

    @Test
    void keyOfTwoHundredFiftySevenCharactersIsRejectedNamingIt() {
        String key = "k".repeat(257);
        assertRejected("metadata." + key, () -> Metadata.ofCreate(object(key, "v")));
    }

    @Test
    void stringValueOfTwoHundredFiftySixCharactersIsAccepted() {
        assertEquals(1, Metadata.ofCreate(object("note", "v".repeat(256))).size());
    }

    @Test
    void stringValueOfTwoHundredFiftySevenCharactersIsRejectedNamingTheKey() {
        assertRejected("metadata.note", () -> Metadata.ofCreate(object("note", "v".repeat(257))));
    }

    @Test
    void mergeAddsAndOverwritesKeysAndKeepsOmittedOnes() {
        Metadata merged = Metadata.ofCreate(json("{\"a\":1,\"b\":\"x\"}")).merge(json("{\"b\":\"y\",\"c\":true}"));

        assertEquals(Map.of("a", 1, "b", "y", "c", true), merged.toMapOrNull());
    }

    @Test
    void mergeRemovesAKeySentAsNull() {
        Metadata merged = Metadata.ofCreate(json("{\"a\":1,\"b\":2}")).merge(json("{\"a\":null}"));

        assertEquals(Map.of("b", 2), merged.toMapOrNull());
    }

    @Test
    void mergeWithNullClearsEverything() {
        assertNull(Metadata.ofCreate(json("{\"a\":1}")).merge(json("null")).toMapOrNull());
    }

    @Test
    void mergeWithEmptyObjectIsRejected() {
        assertRejected("metadata", () -> Metadata.ofCreate(json("{\"a\":1}")).merge(json("{}")));
    }

    @Test
    void mergeChecksTheKeyLimitOnTheMergedResult() {
        Metadata full = Metadata.ofCreate(keys(256));

        assertRejected("metadata", () -> full.merge(json("{\"one_more\":1}")));
    }

    @Test
    void mergeThatRemovesAsManyAsItAddsStaysWithinTheLimit() {
        Metadata full = Metadata.ofCreate(keys(256));

        assertEquals(256, full.merge(json("{\"key0\":null,\"one_more\":1}")).size());
    }

    @Test
    void mergeRejectsWrongTypesNamingTheKey() {
        assertRejected("metadata.tags", () -> Metadata.empty().merge(json("{\"tags\":[1,2]}")));
    }

    private static void assertRejected(String field, Executable action) {
        ApiException refusal = assertThrows(ApiException.class, action);
        assertEquals(400, refusal.status());
        assertEquals("ValidationError", refusal.error().name());
        assertEquals(List.of(field), refusal.error().errors().stream().map(ApiError.FieldError::field).toList());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static ObjectNode keys(int count) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < count; i++) {
            node.put("key" + i, i);
        }
        return node;
    }

    private static ObjectNode object(String key, String value) {
        return JSON.createObjectNode().put(key, value);
    }
}
