package dev.agentmail.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Renders the overlays in this folder with {@code kubectl kustomize}, as a user's {@code kubectl apply -k} would. */
final class Kustomize {

    /** deploy/k8s: Maven runs the tests from the module's folder. */
    static final Path HOME = Path.of("").toAbsolutePath();
    /** The repository, for the services' configuration and the scripts beside the manifests. */
    static final Path REPOSITORY = HOME.resolve("../..").normalize();

    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();
    private static Boolean available;

    private Kustomize() {
    }

    /** Every overlay: each folder under overlays/. */
    static List<String> overlays() {
        try (Stream<Path> entries = Files.list(HOME.resolve("overlays"))) {
            return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized boolean available() {
        if (available == null) {
            try {
                available = run(List.of("kubectl", "version", "--client")).exitCode == 0;
            } catch (IOException e) {
                available = false;
            }
        }
        return available;
    }

    /** The overlay's documents, rendered once per test run. */
    static Rendered render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> {
            try {
                Result result = run(List.of("kubectl", "kustomize", HOME.resolve("overlays").resolve(name).toString()));
                if (result.exitCode != 0) {
                    throw new IllegalStateException("kubectl kustomize overlays/" + name + " failed:\n" + result.output);
                }
                return Rendered.parse(name, result.output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException {
        Path output = Files.createTempFile("kustomize", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
