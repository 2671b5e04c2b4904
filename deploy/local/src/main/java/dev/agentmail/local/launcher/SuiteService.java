package dev.agentmail.local.launcher;

import java.nio.file.Path;
import java.util.Optional;

/** One of the four services as the launcher runs it: its module, HTTP port and database (if it owns one). */
enum SuiteService {
    AUTH("auth-service", 8083, "agentmail_auth"),
    INBOX("inbox-service", 8081, "agentmail_inbox"),
    THREAD("thread-service", 8082, "agentmail_thread"),
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

    Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** The runnable built by {@code ./mvnw package} (Quarkus' fast-jar layout). */
    Path runnable(Path root) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
