package dev.agentmail.local.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitWithParentTest {

    @Test
    void aChildExitsWhenItsParentsEndOfThePipeCloses(@TempDir Path dir) throws Exception {
        // What the kernel does when the parent dies, even by SIGKILL: the write end of the child's stdin closes.
        Path sleeper = Files.writeString(dir.resolve("Sleeper.java"),
                "class Sleeper { public static void main(String[] a) throws Exception { Thread.sleep(120_000); } }");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + AgentJar.path(), sleeper.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile())
                .start();
        try {
            Thread.sleep(1500);
            assertTrue(child.isAlive(), "still running while the parent holds the pipe");
            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "exited after the pipe closed");
        } finally {
            child.destroyForcibly();
        }
    }
}
