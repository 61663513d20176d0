package dev.sluice.trace.internal;

import dev.sluice.sql.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the executor of migration bodies tells an observer while it runs a migration, so that a trace
 * sees each statement exactly as {@code migrate} runs it: in the migration's one transaction, or, in a
 * migration that runs statement by statement, in the short transaction of its own that a statement gets
 * when it can have one, or alone in autocommit. {@link LockTracer} is the observer that records locks.
 *
 * <p>Every method has an empty default, and {@link #NONE} is what the executor holds when nobody
 * observes, so the normal path never checks for null and sends no query of its own.
 *
 * <p>Hazard: the calls happen on the migration's own connection, inside its open transaction. An
 * observer may read there (pg_locks, pg_class) but must never change anything or end the transaction;
 * every query it sends is a round trip added to each statement, which is why only traces observe.
 */
public interface StatementObserver {

    StatementObserver NONE = new StatementObserver() {
    };

    /**
     * The migration {@code script} is about to run its first statement on {@code connection}. A
     * transactional migration that is tried again after a lock timeout starts again here, and what was
     * observed of the failed attempt no longer counts.
     */
    default void migrationStarted(Connection connection, String script, boolean transactional) throws SQLException {
    }

    /**
     * {@code statement} ran without error in {@code millis}; its transaction, when it has one, is still
     * open ({@code connection.getAutoCommit()} is false), so its locks are still held.
     */
    default void statementRan(Connection connection, SqlStatement statement, long millis) throws SQLException {
    }

    /** The Java migration {@code name} performed its change in {@code millis}; as {@link #statementRan}. */
    default void javaMigrationRan(Connection connection, String name, long millis) throws SQLException {
    }

    /** The transaction that held the statements observed since the last commit has committed. */
    default void committed() {
    }

    /** The migration completed and is recorded in the history. */
    default void migrationFinished() {
    }
}
