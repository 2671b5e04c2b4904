package dev.agentmail.local.launcher;

import dev.agentmail.local.process.ProcessOutput;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * How a {@link LocalSuite} runs: the launcher's shape (the usual ports, databases {@code agentmail_*} kept across
 * runs, logs on the console) or a test's private one (free ports, databases of its own dropped at the end, logs in
 * files), plus environment variables a test adds for one service.
 *
 * @param root        the repository, where each service's built jar is
 * @param dataDir     Kafka's log, an embedded PostgreSQL's data, pid files and (for tests) the services' logs
 * @param freePorts   true: every service and the broker on a free port; false: 8080-8083 and 9092 (or
 *                    {@code AGENTMAIL_KAFKA_PORT})
 * @param databaseNamePrefix  prefix of each service's database name
 * @param dropDatabases       whether closing the suite drops its databases
 * @param output      where each process's output goes, by process name
 * @param environment per service module, variables added to what the suite sets
 */
public record SuiteOptions(Path root, Path dataDir, boolean freePorts, String databaseNamePrefix,
                           boolean dropDatabases, Function<String, ProcessOutput> output,
                           Map<String, Map<String, String>> environment) {

    /** deploy/local/up: the usual ports, lasting databases, logs on the console with each process's name. */
    public static SuiteOptions launcher(Path root, Path dataDir) {
        return new SuiteOptions(root, dataDir, false, "agentmail_", false,
                name -> ProcessOutput.prefixed(name, System.out), Map.of());
    }

    /** A test's own suite: free ports, fresh databases dropped at the end, each process's log in dataDir/logs. */
    public static SuiteOptions isolated(Path root, Path dataDir) {
        String prefix = "suite_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
        return new SuiteOptions(root, dataDir, true, prefix, true,
                name -> ProcessOutput.toFile(dataDir.resolve("logs").resolve(name + ".log")), Map.of());
    }

    /** These options, with {@code variables} added to the environment of {@code module}. */
    public SuiteOptions withEnvironment(String module, Map<String, String> variables) {
        Map<String, Map<String, String>> merged = new HashMap<>(environment);
        Map<String, String> forModule = new HashMap<>(merged.getOrDefault(module, Map.of()));
        forModule.putAll(variables);
        merged.put(module, Map.copyOf(forModule));
        return new SuiteOptions(root, dataDir, freePorts, databaseNamePrefix, dropDatabases, output,
                Map.copyOf(merged));
    }
}
