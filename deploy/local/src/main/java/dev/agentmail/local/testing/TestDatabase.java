package dev.agentmail.local.testing;

import dev.agentmail.local.postgres.LocalPostgres;
import dev.agentmail.local.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** The database a test run's service uses, for tests that assert the rows behind an answer. */
public record TestDatabase(PostgresServer server, String name) {

    /** Runs a statement that answers no rows (an insert, a migration's script); answers the rows it changed. */
    public int execute(String sql, Object... parameters) {
        try (Connection connection = LocalPostgres.connect(server, name);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed on " + name + ": " + sql, e);
        }
    }

    /**
     * Runs {@code during} while a transaction that ran {@code sql} holds it uncommitted, with its row locks, then
     * commits that transaction: how a test shows what a request does when it meets a change in flight.
     */
    public <T> T whileUncommitted(String sql, List<?> parameters, Callable<T> during) {
        try (Connection connection = LocalPostgres.connect(server, name)) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                statement.executeUpdate();
            }
            T result = during.call();
            connection.commit();
            return result;
        } catch (Exception e) {
            throw new IllegalStateException("uncommitted change failed on " + name + ": " + sql, e);
        }
    }

    /** Runs a query with positional parameters; each row maps column label to value. */
    public List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection connection = LocalPostgres.connect(server, name);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= columns; column++) {
                        row.put(result.getMetaData().getColumnLabel(column), result.getObject(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed on " + name + ": " + sql, e);
        }
    }
}
