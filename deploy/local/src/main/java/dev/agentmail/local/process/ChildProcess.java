package dev.agentmail.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM that the local suite starts and owns: the Kafka broker or a service. It carries the
 * {@link ExitWithParent} agent, runs in a session of its own where {@code setsid} exists (so a Ctrl-C reaches
 * only the launcher, which then stops the children in order), and records its pid in a file so that a start after
 * a killed run finds and stops what that run left behind instead of colliding with it.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path pidFile;

    private ChildProcess(String name, Process process, Path pidFile) {
        this.name = name;
        this.process = process;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code java <jvmArgs>} with the given environment added to this process's own.
     *
     * @param pidFile where the pid is kept; it also marks the command line, so only our own leftover is stopped
     */
    public static ChildProcess startJava(String name, List<String> jvmArgs, Map<String, String> environment,
                                         Path pidFile, ProcessOutput output) {
        stopLeftover(pidFile);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + AgentJar.path());
        command.add("-Dagentmail.pidfile=" + pidFile.toAbsolutePath());
        command.addAll(jvmArgs);

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (output instanceof ProcessOutput.ToFile toFile) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(toFile.file().toFile()));
        }
        try {
            Files.createDirectories(pidFile.toAbsolutePath().getParent());
            Process process = builder.start();
            if (output instanceof ProcessOutput.Prefixed prefixed) {
                prefixed.pump(process.getInputStream());
            }
            Files.writeString(pidFile, Long.toString(process.pid()));
            return new ChildProcess(name, process, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Kills the child as a crash would (SIGKILL: no shutdown hooks, nothing flushed) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            Files.deleteIfExists(pidFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(name + " did not die of SIGKILL", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks the child to shut down (SIGTERM), waits for its shutdown hooks, and kills it if they hang. */
    @Override
    public void close() {
        stop(process.toHandle());
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the process a killed run recorded in {@code pidFile}, if it is still alive and is really ours: its
     * command line names that same pid file. A recycled pid that now belongs to anything else is left alone.
     */
    public static void stopLeftover(Path pidFile) {
        try {
            if (Files.exists(pidFile)) {
                readPid(pidFile).ifPresent(pid -> stopLeftover(pid, "-Dagentmail.pidfile=" + pidFile.toAbsolutePath()));
                Files.delete(pidFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops process {@code pid} if it is alive and its command line contains {@code marker}. */
    public static void stopLeftover(long pid, String marker) {
        ProcessHandle.of(pid)
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .ifPresent(ChildProcess::stop);
    }

    /** The first line of a pid file, when it is a number. */
    public static Optional<Long> readPid(Path pidFile) throws IOException {
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        return firstLine.matches("\\d+") ? Optional.of(Long.parseLong(firstLine)) : Optional.empty();
    }

    static void stop(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        } catch (Exception hung) {
            handle.destroyForcibly();
        }
    }
}
