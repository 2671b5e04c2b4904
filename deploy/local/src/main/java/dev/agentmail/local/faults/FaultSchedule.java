package dev.agentmail.local.faults;

import dev.agentmail.local.launcher.LocalSuite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The faults of a run, in turn, each once the sends have come far enough: kill -9 of every service (started again
 * at once, as Kubernetes would), then the Kafka broker killed and left down for a few seconds. Spread evenly over
 * the run, so that every one of them meets sends in flight.
 */
final class FaultSchedule implements Runnable {

    /** One fault as it happened: what, when (seconds into the run, sends attempted by then), how long until ready. */
    record Fault(String what, double atSeconds, int afterSends, double recoveredSeconds) {
    }

    private static final List<String> SERVICES = List.of("auth-service", "inbox-service", "thread-service", "gateway");
    /** Every service, then the broker. */
    static final int COUNT = SERVICES.size() + 1;
    private static final Duration BROKER_DOWN = Duration.ofSeconds(5);

    private final LocalSuite suite;
    private final IntSupplier attempted;
    private final int total;
    private final long begin = System.nanoTime();
    private final List<Fault> happened = new ArrayList<>();
    private volatile boolean sendsDone;

    FaultSchedule(LocalSuite suite, IntSupplier attempted, int total) {
        this.suite = suite;
        this.attempted = attempted;
        this.total = total;
    }

    @Override
    public void run() {
        try {
            for (int i = 0; i < COUNT; i++) {
                int due = total * (i + 1) / (COUNT + 2);
                while (attempted.getAsInt() < due) {
                    if (sendsDone) {
                        return;
                    }
                    Thread.sleep(100);
                }
                String what = i < SERVICES.size() ? "kill -9 " + SERVICES.get(i) : "kill -9 the Kafka broker, "
                        + BROKER_DOWN.toSeconds() + " s down";
                double at = seconds(begin);
                int after = attempted.getAsInt();
                long started = System.nanoTime();
                if (i < SERVICES.size()) {
                    suite.kill(SERVICES.get(i));
                } else {
                    suite.killBroker(BROKER_DOWN);
                }
                synchronized (happened) {
                    happened.add(new Fault(what, at, after, seconds(started)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sends are over: a fault under way finishes (the suite is whole again), the ones still due are skipped. */
    void sendsDone() {
        sendsDone = true;
    }

    List<Fault> happened() {
        synchronized (happened) {
            return List.copyOf(happened);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
