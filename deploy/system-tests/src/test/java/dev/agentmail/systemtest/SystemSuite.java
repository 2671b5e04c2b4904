package dev.agentmail.systemtest;

import dev.agentmail.local.launcher.LocalSuite;
import dev.agentmail.local.launcher.SuiteOptions;
import dev.agentmail.local.testing.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real suite, started once for all system tests of a run (JUnit's root store closes it when the run ends):
 * PostgreSQL, a Kafka broker and the four services from their built jars, on free ports, with fresh databases.
 * auth-service gets a bootstrap key known to the tests, and trusts a {@link TestIssuer} as the operators' identity
 * provider, so a test can create a second organization as an operator would. Each process logs to
 * {@code target/system-suite/logs}.
 */
public final class SystemSuite implements BeforeAllCallback {

    private static final String STORE_KEY = "agentmail-system-suite";

    /** The suite of this run, once a test class extended with this has started. */
    private static Running current;

    /** What the tests need to know about the running suite. */
    public record Running(LocalSuite suite, TestIssuer operators, String bootstrapKey)
            implements ExtensionContext.Store.CloseableResource {

        public String gateway() {
            return suite.url("gateway");
        }

        public String authService() {
            return suite.url("auth-service");
        }

        @Override
        public void close() {
            suite.close();
            operators.close();
        }
    }

    public static Running suite() {
        if (current == null) {
            throw new IllegalStateException("extend the test class with SystemSuite");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        current = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(STORE_KEY, ignored -> start(), Running.class);
    }

    private static Running start() {
        Path root = Path.of(System.getProperty("agentmail.root", "../..")).toAbsolutePath().normalize();
        Path dataDir = Path.of(System.getProperty("agentmail.system-tests.work", "target"), "system-suite");
        String bootstrapKey = "am_systest_" + UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
        TestIssuer operators = TestIssuer.start();
        try {
            deleteTree(dataDir);
            SuiteOptions options = SuiteOptions.isolated(root, dataDir)
                    .withEnvironment("auth-service", Map.of(
                            "AGENTMAIL_BOOTSTRAP_API_KEY", bootstrapKey,
                            "AGENTMAIL_OPERATOR_ISSUER", operators.url()))
                    // These tests are about who may do what; the gateway's own tests cover its rate limits.
                    .withEnvironment("gateway", Map.of(
                            "AGENTMAIL_GATEWAY_RATE_LIMIT_CAPACITY", "1000000",
                            "AGENTMAIL_GATEWAY_RATE_LIMIT_PER_SECOND", "1000000",
                            "AGENTMAIL_GATEWAY_RATE_LIMIT_ALL_KEYS_CAPACITY", "1000000",
                            "AGENTMAIL_GATEWAY_RATE_LIMIT_ALL_KEYS_PER_SECOND", "1000000"));
            long begin = System.nanoTime();
            LocalSuite suite = new LocalSuite(options).start();
            System.out.printf("system suite up in %d s, gateway at %s, logs in %s%n",
                    (System.nanoTime() - begin) / 1_000_000_000, suite.url("gateway"), dataDir.resolve("logs"));
            return new Running(suite, operators, bootstrapKey);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            operators.close();
            throw new IllegalStateException("interrupted while starting the suite", e);
        } catch (RuntimeException e) {
            operators.close();
            throw new IllegalStateException("the suite did not start (logs in " + dataDir.resolve("logs") + ")", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
