package dev.agentmail.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks JSON documents with the official SDK's serializers (src/test/sdk/validate.cjs), strictly. Runs where the
 * SDK is installed: set AGENTMAIL_SDK_NODE_MODULES to a node_modules folder holding agentmail@0.5.27; elsewhere the
 * calling test is skipped, not failed.
 */
public final class SdkTypes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayNode documents = JSON.createArrayNode();

    /** Adds a document to check as {@code type}, e.g. {@code events.MessageReceivedEvent}. */
    public SdkTypes add(String type, JsonNode value) {
        documents.addObject().put("type", type).set("value", value);
        return this;
    }

    public SdkTypes add(String type, String json) {
        try {
            return add(type, JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assumeInstalled() {
        String modules = System.getenv("AGENTMAIL_SDK_NODE_MODULES");
        Assumptions.assumeTrue(modules != null && Files.isDirectory(Path.of(modules, "agentmail")),
                "AGENTMAIL_SDK_NODE_MODULES does not point at a node_modules folder with the agentmail SDK");
    }

    /** Fails with the SDK's own error list unless every document parses. */
    public void assertAccepted() {
        try {
            Path file = Files.createTempFile("sdk-documents", ".json");
            Files.writeString(file, JSON.writeValueAsString(documents));
            ProcessBuilder node = new ProcessBuilder("node", Path.of("src/test/sdk/validate.cjs").toString(),
                    file.toString()).redirectErrorStream(true);
            node.environment().put("NODE_PATH", System.getenv("AGENTMAIL_SDK_NODE_MODULES"));
            Process process = node.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            Files.delete(file);
            System.out.println(output);
            assertEquals(0, process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
