package dev.agentmail.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official AgentMail Node SDK (npm agentmail, pinned in sdk/package-lock.json) drives the suite through the
 * gateway with only its base URL changed: sdk/scenario.cjs creates, updates, lists, gets and deletes inboxes, makes
 * an inbox key and uses it, downloads a message's attachment and raw message from their download_url, and validates
 * every answer with the SDK's own serializers. Skipped, saying so, only
 * where Node.js is not installed.
 */
@ExtendWith(SystemSuite.class)
class SdkScenarioTest {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SCENARIO_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void officialSdkWorksAgainstTheGateway() throws Exception {
        assumeTrue(answers("node", "--version"), "Node.js is not installed: the SDK scenario is skipped");
        assumeTrue(answers("npm", "--version"), "npm is not installed: the SDK scenario is skipped");
        Path sources = Path.of(System.getProperty("agentmail.system-tests.dir", ".")).resolve("sdk");
        Path work = Path.of(System.getProperty("agentmail.system-tests.work", "target")).resolve("sdk-scenario");
        Files.createDirectories(work);
        for (String file : List.of("package.json", "package-lock.json", "scenario.cjs")) {
            Files.copy(sources.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }

        Run install = run(work, INSTALL_TIMEOUT, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        assertEquals(0, install.exitCode(), "npm ci failed:\n" + install.output());

        Run scenario = run(work, SCENARIO_TIMEOUT, Map.of(
                "AGENTMAIL_BASE_URL", SystemSuite.suite().gateway(),
                "AGENTMAIL_API_KEY", Tenant.bootstrap().key()), "node", "scenario.cjs");
        System.out.println(scenario.output());
        assertEquals(0, scenario.exitCode(), "the SDK scenario failed:\n" + scenario.output());
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(Path directory, Duration timeout, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(directory, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, "timed out after " + timeout + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static boolean answers(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
