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
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks JSON documents with the official SDK's serializers (src/test/sdk/validate.cjs), strictly. The SDK is the
 * version the system tests pin (deploy/system-tests/sdk/package-lock.json), installed once into target/sdk with
 * {@code npm ci}; AGENTMAIL_SDK_NODE_MODULES may name a node_modules folder that already holds it. Only where
 * Node.js is not installed is the calling test skipped, saying so.
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

    private static final Path PINNED = Path.of("../deploy/system-tests/sdk");
    private static final Path INSTALLED = Path.of("target/sdk");

    private static Path nodeModules;

    /** Installs the pinned SDK unless it is there already; skips the calling test where Node.js is missing. */
    public static synchronized void assumeInstalled() {
        if (nodeModules != null) {
            return;
        }
        String given = System.getenv("AGENTMAIL_SDK_NODE_MODULES");
        if (given != null) {
            nodeModules = Path.of(given);
            return;
        }
        Assumptions.assumeTrue(answers("node", "--version") && answers("npm", "--version"),
                "Node.js and npm are not installed: the SDK's serializers cannot check these documents");
        if (!Files.isDirectory(INSTALLED.resolve("node_modules/agentmail"))) {
            install();
        }
        nodeModules = INSTALLED.resolve("node_modules").toAbsolutePath();
    }

    private static void install() {
        try {
            Files.createDirectories(INSTALLED);
            for (String file : new String[] {"package.json", "package-lock.json"}) {
                Files.copy(PINNED.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(INSTALLED.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, npm.waitFor(), "npm ci of the pinned SDK failed:\n" + output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean answers(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Fails with the SDK's own error list unless every document parses. */
    public void assertAccepted() {
        try {
            Path file = Files.createTempFile("sdk-documents", ".json");
            Files.writeString(file, JSON.writeValueAsString(documents));
            ProcessBuilder node = new ProcessBuilder("node", Path.of("src/test/sdk/validate.cjs").toString(),
                    file.toString()).redirectErrorStream(true);
            node.environment().put("NODE_PATH", nodeModules.toString());
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
