package dev.agentmail.local.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentmail.local.net.Ports;
import dev.agentmail.local.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {

    @Test
    void createDatabaseIsIdempotentAndDropRemovesIt() {
        String name = "local_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (LocalPostgres postgres = LocalPostgres.start(PostgresServer.fromEnvironment(), Optional.empty())) {
            postgres.createDatabase(name);
            postgres.createDatabase(name);
            TestDatabase admin = new TestDatabase(postgres.server(), "postgres");
            assertEquals(1, admin.query("select 1 from pg_database where datname = ?", name).size());
            postgres.dropDatabase(name);
            assertTrue(admin.query("select 1 from pg_database where datname = ?", name).isEmpty());
        }
    }

    @Test
    void anUnreachableServerFallsBackToAnEmbeddedOneThatKeepsItsData(@TempDir Path dataDir) {
        PostgresServer nobody = new PostgresServer("127.0.0.1", Ports.free(), "postgres", "");
        try (LocalPostgres postgres = LocalPostgres.start(nobody, Optional.of(dataDir))) {
            assertTrue(postgres.isEmbedded());
            postgres.createDatabase("kept");
            new TestDatabase(postgres.server(), "kept").query("select 1");
        }
        try (LocalPostgres postgres = LocalPostgres.start(nobody, Optional.of(dataDir))) {
            TestDatabase admin = new TestDatabase(postgres.server(), "postgres");
            assertEquals(1, admin.query("select 1 from pg_database where datname = 'kept'").size());
        }
    }

    @Test
    void onlyPlainDatabaseNamesAreAccepted() {
        try (LocalPostgres postgres = LocalPostgres.start(PostgresServer.fromEnvironment(), Optional.empty())) {
            assertFalse(postgres.isEmbedded(), "CI provides a server at the configured address");
            assertThrows(IllegalArgumentException.class, () -> postgres.createDatabase("x; drop database postgres"));
        }
    }
}
