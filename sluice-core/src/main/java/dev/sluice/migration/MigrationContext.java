package dev.sluice.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * What a {@link SafeMigration} gets to work with: the connection Sluice runs it on, in the transaction
 * Sluice opened (unless the migration declared itself non-transactional), with Sluice's lock and
 * statement timeouts already set.
 *
 * <p>Hazard: do not commit, roll back or change auto-commit on {@link #connection()}. Sluice commits the
 * migration together with its history row; committing early would leave a half-applied migration with
 * no record of it.
 */
public final class MigrationContext {

    private final Connection connection;
    private final String migrationName;

    public MigrationContext(Connection connection, String migrationName) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.migrationName = Objects.requireNonNull(migrationName, "migrationName");
    }

    /** The connection the migration runs on. */
    public Connection connection() {
        return connection;
    }

    /** The class name, for messages. */
    public String migrationName() {
        return migrationName;
    }

    /** Runs one statement that returns no rows. */
    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs a query that returns one row and gives its first column as a boolean. */
    public boolean queryForBoolean(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("query returned no row: " + sql);
            }
            return rs.getBoolean(1);
        }
    }

    /** Runs a query that returns one row and gives its first column as a long. */
    public long queryForLong(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("query returned no row: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /**
     * Fails the validation with {@code message} unless {@code condition} holds. The migration's
     * transaction is then rolled back.
     */
    public void check(boolean condition, String message) {
        if (!condition) {
            throw new MigrationValidationException(migrationName + ": " + message);
        }
    }
}
