package dev.agentmail.local.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Loopback ports: finding a free one, and waiting until a server accepts connections on one. */
public final class Ports {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** {@code port} when it is free, a free one when it is 0; a taken port fails with what to do about it. */
    public static int claim(int port, String what, String setting) {
        if (port == 0) {
            return free();
        }
        if (accepts(port)) {
            throw new IllegalStateException("port " + port + " for " + what + " is taken by another process; "
                    + "stop it or set " + setting + " to another port (0 picks a free one)");
        }
        return port;
    }

    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /**
     * Waits until {@code port} accepts connections. Gives up as soon as {@code stillStarting} turns false (the
     * server died) or the timeout passes; answers whether the port accepted.
     */
    public static boolean awaitAccepting(int port, Duration timeout, BooleanSupplier stillStarting) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && stillStarting.getAsBoolean()) {
            if (accepts(port)) {
                return true;
            }
            sleep(Duration.ofMillis(200));
        }
        return false;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a port", e);
        }
    }
}
