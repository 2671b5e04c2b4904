package dev.agentmail.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON examples of docs/events.md, the one place the event contract is written down: a producer's test checks
 * its events against them and a consumer's test feeds them (with its own ids), so the document cannot drift from
 * either side.
 */
public final class DocumentedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

    private DocumentedEvents() {
    }

    /** A fresh copy of the documented example whose {@code event_type} is {@code eventType}. */
    public static ObjectNode example(String eventType) {
        Matcher blocks = JSON_BLOCK.matcher(document());
        while (blocks.find()) {
            JsonNode example = parse(blocks.group(1));
            if (eventType.equals(example.path("event_type").asText(null))) {
                return (ObjectNode) example.deepCopy();
            }
        }
        throw new AssertionError("docs/events.md has no example of " + eventType);
    }

    private static String document() {
        // Tests run in their module's folder; the document is at the repository's root, some levels up.
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("docs/events.md");
            if (Files.isRegularFile(candidate)) {
                try {
                    return Files.readString(candidate);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("docs/events.md not found above " + Path.of("").toAbsolutePath());
    }

    private static JsonNode parse(String block) {
        try {
            return JSON.readTree(block);
        } catch (IOException e) {
            throw new AssertionError("an example in docs/events.md is not JSON: " + e.getMessage(), e);
        }
    }
}
