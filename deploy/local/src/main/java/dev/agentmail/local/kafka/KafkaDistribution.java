package dev.agentmail.local.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The Apache Kafka broker's jars that the build gathered in {@code deploy/local/kafka/target/lib}
 * ({@code AGENTMAIL_KAFKA_LIB} points elsewhere). They run only in a child JVM: their Scala, log4j and Jackson
 * must not meet a Quarkus application on one class path.
 */
final class KafkaDistribution {

    private KafkaDistribution() {
    }

    static Path lib() {
        String configured = System.getenv("AGENTMAIL_KAFKA_LIB");
        Path lib = Path.of(configured != null ? configured : builtLib());
        try (var jars = Files.list(lib)) {
            if (jars.noneMatch(jar -> jar.getFileName().toString().startsWith("kafka_"))) {
                throw new IllegalStateException("no Kafka broker jars in " + lib);
            }
        } catch (IOException e) {
            throw new IllegalStateException("no Kafka broker jars in " + lib
                    + "; build them with ./mvnw -f deploy/local/kafka/pom.xml package", e);
        }
        return lib;
    }

    /** The path the build wrote into this library; classpath wildcards ({@code lib/*}) are expanded by java. */
    static String classPath() {
        return lib().resolve("*").toString();
    }

    private static String builtLib() {
        Properties properties = new Properties();
        try (InputStream in = KafkaDistribution.class.getResourceAsStream("/agentmail-local.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("kafka.lib");
    }
}
