package dev.agentmail.local.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes {@link ExitWithParent} into a jar of its own, once per JVM, for {@code -javaagent}. A jar of one class
 * keeps the library's dependencies off the children's class path, and works the same whether this library runs
 * from a jar or from a build's classes folder.
 */
final class AgentJar {

    private static Path jar;

    private AgentJar() {
    }

    static synchronized Path path() {
        if (jar == null) {
            jar = write();
        }
        return jar;
    }

    private static Path write() {
        String entry = ExitWithParent.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ExitWithParent.class.getName());
        try {
            Path file = Files.createTempFile("agentmail-exit-with-parent", ".jar");
            file.toFile().deleteOnExit();
            try (InputStream classFile = ExitWithParent.class.getClassLoader().getResourceAsStream(entry);
                 OutputStream out = Files.newOutputStream(file);
                 JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
                jarOut.putNextEntry(new JarEntry(entry));
                classFile.transferTo(jarOut);
                jarOut.closeEntry();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the exit-with-parent agent jar", e);
        }
    }
}
