package dev.agentmail.local.faults;

import dev.agentmail.local.launcher.LocalSuite;
import dev.agentmail.local.launcher.SuiteOptions;
import dev.agentmail.local.postgres.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * deploy/bench/faults: starts a suite of its own (free ports, fresh databases, dropped at the end), sends SENDS
 * messages (10,000) through the gateway from PAIRS (20) inboxes to as many others while {@link FaultSchedule} kills
 * each service and the broker in turn, then {@link Audit}s what was stored and published against what the client
 * was told, and prints the figures. Exits 1 when anything was lost, duplicated or out of order.
 */
public final class FaultRun {

    private FaultRun() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int total = Integer.parseInt(System.getenv().getOrDefault("SENDS", "10000"));
        int pairs = Integer.parseInt(System.getenv().getOrDefault("PAIRS", "20"));
        String run = randomText(8).toLowerCase();
        String key = "am_faults_" + randomText(40);
        Path dataDir = Files.createTempDirectory("agentmail-faults-");
        SuiteOptions options = SuiteOptions.isolated(root, dataDir)
                .withEnvironment("auth-service", Map.of("AGENTMAIL_BOOTSTRAP_API_KEY", key))
                // The run measures loss, not the rate limits: one key sends for every pair.
                .withEnvironment("gateway", Map.of("AGENTMAIL_GATEWAY_RATE_LIMIT_CAPACITY", "100000",
                        "AGENTMAIL_GATEWAY_RATE_LIMIT_PER_SECOND", "100000",
                        "AGENTMAIL_GATEWAY_RATE_LIMIT_ALL_KEYS_CAPACITY", "100000",
                        "AGENTMAIL_GATEWAY_RATE_LIMIT_ALL_KEYS_PER_SECOND", "100000"));
        System.out.printf("starting a suite of its own (logs in %s)%n", dataDir.resolve("logs"));
        boolean clean;
        try (LocalSuite suite = new LocalSuite(options).start()) {
            Sends sends = new Sends(suite.url("gateway"), key, run);
            List<String> senders = new ArrayList<>();
            List<String> receivers = new ArrayList<>();
            for (int pair = 0; pair < pairs; pair++) {
                senders.add(sends.createInbox("fault-" + run + "-from-" + pair));
                receivers.add(sends.createInbox("fault-" + run + "-to-" + pair));
            }
            long begin = System.nanoTime();
            FaultSchedule faults = new FaultSchedule(suite, sends::attempted, total);
            Thread faulting = new Thread(faults, "faults");
            faulting.start();
            ExecutorService senderThreads = Executors.newFixedThreadPool(pairs);
            List<Future<?>> running = new ArrayList<>();
            for (int pair = 0; pair < pairs; pair++) {
                int index = pair;
                int count = total / pairs + (pair < total % pairs ? 1 : 0);
                running.add(senderThreads.submit(() -> {
                    sends.sendAll(index, senders.get(index), receivers.get(index), count);
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
            senderThreads.shutdown();
            double seconds = (System.nanoTime() - begin) / 1e9;
            faults.sendsDone();
            faulting.join();
            List<FaultSchedule.Fault> happened = faults.happened();

            Audit.Figures figures;
            try (Connection database = LocalPostgres.connect(suite.postgres(), suite.database("thread-service"))) {
                figures = new Audit(database, suite.kafkaBootstrapServers(), senders, receivers)
                        .of(sends.accepted());
            }
            print(total, pairs, seconds, happened, sends, figures);
            clean = figures.clean() && happened.size() == FaultSchedule.COUNT;
        }
        System.exit(clean ? 0 : 1);
    }

    private static void print(int total, int pairs, double seconds, List<FaultSchedule.Fault> happened, Sends sends,
                              Audit.Figures figures) {
        System.out.printf("%nfault run: %d sends through the gateway by %d inbox pairs, one key, in %.0f s%n", total,
                pairs, seconds);
        for (FaultSchedule.Fault fault : happened) {
            System.out.printf("  %-40s at %6.1f s (after %5d sends), ready again %.1f s later%n", fault.what(),
                    fault.atSeconds(), fault.afterSends(), fault.recoveredSeconds());
        }
        if (happened.size() < FaultSchedule.COUNT) {
            System.out.printf("  only %d of %d faults happened while the sends ran: send more (SENDS)%n",
                    happened.size(), FaultSchedule.COUNT);
        }
        System.out.printf("accepted %d of %d sends (%d attempts tried again, %d given up)%n", figures.accepted(),
                sends.attempted(), sends.retries(), sends.givenUp());
        System.out.printf("stored:  %d lost, %d duplicated (visible to API readers), %d out of order per inbox; "
                + "%d stored though never acknowledged%n", figures.lostStored(), figures.duplicatedVisible(),
                figures.outOfOrderStored(), figures.storedUnacknowledged());
        System.out.printf("events:  %d lost, %d out of order per inbox (%d records read, copies included)%n",
                figures.lostEvents(), figures.outOfOrderEvents(), figures.events());
        System.out.println(figures.clean() ? "PASS" : "FAIL");
    }

    private static String randomText(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
