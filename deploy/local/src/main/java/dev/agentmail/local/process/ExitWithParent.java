package dev.agentmail.local.process;

import java.io.IOException;

/**
 * A Java agent that every child JVM of the local suite carries. The parent keeps the child's standard input open
 * and never writes to it; when the parent dies, even by SIGKILL, the kernel closes that pipe, the read below ends,
 * and the child exits through its normal shutdown hooks. So no broker or service outlives the process that
 * started it, holding ports and locks that the next start needs.
 */
public final class ExitWithParent {

    private ExitWithParent() {
    }

    public static void premain(String args) {
        Thread watcher = new Thread(ExitWithParent::exitWhenStdinCloses, "exit-with-parent");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void exitWhenStdinCloses() {
        try {
            while (System.in.read() != -1) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException parentGone) {
            // A broken pipe means the same as end of input: the parent is gone.
        }
        System.exit(0);
    }
}
