package dev.sluice.migration.internal;

import dev.sluice.sql.SqlStatement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs one statement of a script on a connection: plain statements through JDBC, {@code COPY ... FROM
 * stdin} through pgjdbc's copy API with the data that followed it in the file, and assertions as queries
 * whose single row must say true.
 */
public final class StatementRunner {

    private StatementRunner() {
    }

    public static void execute(Connection connection, SqlStatement statement) throws SQLException {
        if (statement.copyData().isPresent()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try {
                copy.copyIn(statement.sql(), new StringReader(statement.copyData().get()));
            } catch (java.io.IOException e) {
                throw new SQLException("COPY data could not be sent: " + e.getMessage(), e);
            }
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute(statement.sql());
        }
    }

    /**
     * Runs an assertion.
     *
     * @return empty when it held, otherwise why not
     */
    public static java.util.Optional<String> check(Connection connection, SqlStatement assertion) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (!s.execute(assertion.sql())) {
                return java.util.Optional.of("returned no rows; an assertion must be a query returning one row");
            }
            try (ResultSet rs = s.getResultSet()) {
                if (!rs.next()) {
                    return java.util.Optional.of("returned no rows; an assertion must return one row whose first column is true");
                }
                boolean value = rs.getBoolean(1);
                if (rs.wasNull()) {
                    return java.util.Optional.of("returned null; it must return true");
                }
                if (!value) {
                    return java.util.Optional.of("returned false");
                }
                if (rs.next()) {
                    return java.util.Optional.of("returned more than one row; an assertion must return exactly one");
                }
            }
        }
        return java.util.Optional.empty();
    }
}
