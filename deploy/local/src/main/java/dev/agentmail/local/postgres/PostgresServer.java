package dev.agentmail.local.postgres;

/** How to reach a PostgreSQL server, and the URLs a service's datasource takes for one of its databases. */
public record PostgresServer(String host, int port, String user, String password) {

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The reactive client's form of the same address. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * The server named by {@code AGENTMAIL_PG_HOST}, {@code _PORT}, {@code _USER} and {@code _PASSWORD};
     * by default the local server's superuser on 127.0.0.1:5432.
     */
    public static PostgresServer fromEnvironment() {
        return new PostgresServer(
                env("AGENTMAIL_PG_HOST", "127.0.0.1"),
                Integer.parseInt(env("AGENTMAIL_PG_PORT", "5432")),
                env("AGENTMAIL_PG_USER", "postgres"),
                env("AGENTMAIL_PG_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        // Never print the password.
        return user + "@" + host + ":" + port;
    }
}
