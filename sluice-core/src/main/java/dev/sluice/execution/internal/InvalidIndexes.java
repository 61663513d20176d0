package dev.sluice.execution.internal;

import dev.sluice.execution.PlanStep;
import dev.sluice.execution.MigrationFailedException;
import dev.sluice.db.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Clears what an interrupted {@code CREATE INDEX CONCURRENTLY} leaves behind: an index marked invalid
 * ({@code pg_index.indisvalid = false}). With {@code IF NOT EXISTS} the next build would silently keep
 * that useless index for ever, so it is dropped, concurrently, before the build runs again.
 */
public final class InvalidIndexes {

    private InvalidIndexes() {
    }

    /**
     * Whether {@code name} is an index that exists and is valid: a concurrent build that finished. Used only
     * where an interrupted run may have built it; anywhere else an existing index is the server's to report.
     */
    public static boolean isValid(Connection connection, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select i.indisvalid from pg_index i where i.indexrelid = to_regclass(?)")) {
            ps.setString(1, Identifiers.quoteQualified(name));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Drops {@code name} if it is an invalid index.
     *
     * @return whether it dropped one
     */
    static boolean dropIfInvalid(Connection connection, PlanStep step, String name) {
        String qualified = Identifiers.quoteQualified(name);
        try {
            return dropIfInvalid(connection, name);
        } catch (SQLException e) {
            throw new MigrationFailedException(step.scriptName() + ": could not drop the invalid index " + name
                    + " left by an interrupted build: " + e.getMessage() + ". Drop it by hand (DROP INDEX CONCURRENTLY "
                    + qualified + ") and run migrate again", step.scriptName(), 0, Optional.ofNullable(e.getSQLState()), false, e);
        }
    }

    /**
     * Drops {@code name} (optionally schema-qualified) if it is an invalid index; the connection must be in
     * autocommit.
     *
     * @return whether it dropped one
     */
    public static boolean dropIfInvalid(Connection connection, String name) throws SQLException {
        String qualified = Identifiers.quoteQualified(name);
        try (PreparedStatement ps = connection.prepareStatement(
                "select not i.indisvalid from pg_index i where i.indexrelid = to_regclass(?)")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("drop index concurrently if exists " + qualified);
        }
        return true;
    }
}
