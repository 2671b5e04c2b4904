package dev.agentmail.local.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Where a child's standard output and error go: a log file, or the parent's console with the child's name. */
public sealed interface ProcessOutput {

    static ProcessOutput toFile(Path file) {
        return new ToFile(file);
    }

    static ProcessOutput prefixed(String name, PrintStream console) {
        return new Prefixed(name, console);
    }

    record ToFile(Path file) implements ProcessOutput {
    }

    record Prefixed(String name, PrintStream console) implements ProcessOutput {

        void pump(InputStream output) {
            Thread pump = new Thread(() -> copyLines(output), name + "-log");
            pump.setDaemon(true);
            pump.start();
        }

        private void copyLines(InputStream output) {
            String prefix = String.format("%-15s| ", name);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    console.println(prefix + line);
                }
            } catch (IOException closed) {
                // The child is gone; nothing more to print.
            }
        }
    }
}
