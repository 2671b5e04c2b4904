package dev.agentmail.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the manifests must agree with outside deploy/k8s: the services' configuration and the secrets script. */
final class SuiteSources {

    private static final Pattern TOPIC = Pattern.compile("^mp\\.messaging\\.(?:incoming|outgoing)\\.[^.]+\\.topic=(.+)$");
    private static final Pattern SECRET = Pattern.compile("^secret\\s+(\\S+)(.*)$");
    private static final Pattern SECRET_KEY = Pattern.compile("(?:^|\\s)([A-Za-z0-9_.-]+)=");

    private SuiteSources() {
    }

    /** The Kafka topics a service's application.properties reads or writes (its module is named like its Deployment). */
    static Set<String> topicsOf(String module) {
        Set<String> topics = new TreeSet<>();
        for (String line : lines(Kustomize.REPOSITORY.resolve(module).resolve("src/main/resources/application.properties"))) {
            Matcher matcher = TOPIC.matcher(line.trim());
            if (matcher.matches()) {
                topics.add(matcher.group(1).trim());
            }
        }
        return topics;
    }

    static boolean isModule(String name) {
        return Files.exists(Kustomize.REPOSITORY.resolve(name).resolve("src/main/resources/application.properties"));
    }

    /**
     * The Secrets deploy/k8s/create-secrets makes at install time (credentials are never in the repository), by name,
     * with their keys: its {@code secret NAME [--type=...] KEY=VALUE...} lines.
     */
    static Map<String, Set<String>> suppliedSecrets() {
        return suppliedSecrets(lines(Kustomize.HOME.resolve("create-secrets")));
    }

    static Map<String, Set<String>> suppliedSecrets(List<String> script) {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (String line : script) {
            Matcher matcher = SECRET.matcher(line.trim());
            if (matcher.matches()) {
                Set<String> keys = new LinkedHashSet<>();
                Matcher key = SECRET_KEY.matcher(matcher.group(2));
                while (key.find()) {
                    keys.add(key.group(1));
                }
                keys.removeIf(name -> name.startsWith("-"));
                secrets.put(matcher.group(1), keys);
            }
        }
        return secrets;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
