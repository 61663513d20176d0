package dev.sluice.execution.internal;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Sends several rowless statements in one round trip (a JDBC batch). The server runs them in order and
 * skips the rest after an error. Hazard: inside a transaction the driver marks every entry as failed, so
 * the error does not say which statement caused it; a caller that must name it runs the statements again
 * one by one.
 *
 * <p>Only for statements inside one transaction: a failure leaves the transaction aborted, and the caller
 * rolls it back, so a batch either takes effect with its transaction or not at all. Statements that may
 * return rows must not be sent this way ({@link RowlessStatements}).
 */
final class StatementBatch {

    private StatementBatch() {
    }

    /** Runs {@code sql} in order in one round trip; throws {@link BatchFailedException} with the server's error. */
    static void run(Connection connection, List<String> sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String each : sql) {
                s.addBatch(each);
            }
            s.executeBatch();
        } catch (BatchUpdateException e) {
            SQLException error = e.getNextException() != null ? e.getNextException()
                    : e.getCause() instanceof SQLException cause ? cause : e;
            throw new BatchFailedException(error);
        }
    }

    /** The batch stopped at an error; the transaction is aborted and must be rolled back. */
    static final class BatchFailedException extends SQLException {

        BatchFailedException(SQLException error) {
            super(error.getMessage(), error.getSQLState(), error);
        }

        /** The server's error for the entry that failed. */
        SQLException error() {
            return (SQLException) getCause();
        }
    }
}
