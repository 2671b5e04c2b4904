package dev.agentmail.local.launcher;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One of the four services as the suite runs it: its module, its usual HTTP port and the name of its database
 * after the suite's prefix ({@code agentmail_} locally), if it owns one.
 */
enum SuiteService {
    AUTH("auth-service", 8083, "auth"),
    INBOX("inbox-service", 8081, "inbox"),
    THREAD("thread-service", 8082, "thread"),
    GATEWAY("gateway", 8080, null);

    private final String module;
    private final int port;
    private final String database;

    SuiteService(String module, int port, String database) {
        this.module = module;
        this.port = port;
        this.database = database;
    }

    String module() {
        return module;
    }

    int port() {
        return port;
    }

    Optional<String> database(String prefix) {
        return Optional.ofNullable(database).map(name -> prefix + name);
    }

    /** The runnable built by {@code ./mvnw package} (Quarkus' fast-jar layout). */
    Path runnable(Path root) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
