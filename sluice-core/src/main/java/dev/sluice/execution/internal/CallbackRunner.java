package dev.sluice.execution.internal;

import dev.sluice.execution.MigrationFailedException;
import dev.sluice.migration.Callback;
import dev.sluice.migration.CallbackEvent;
import dev.sluice.migration.internal.StatementRunner;
import dev.sluice.sql.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Runs the project's SQL callbacks of one event, in name order. A failing statement fails the callback with
 * its file and line, as a migration's would; where the callback ran inside a migration's transaction, the
 * migration fails with it and nothing of either remains.
 */
public final class CallbackRunner {

    /** No callbacks: every event runs nothing. */
    public static final CallbackRunner NONE = new CallbackRunner(List.of());

    private final List<Callback> callbacks;

    public CallbackRunner(List<Callback> callbacks) {
        this.callbacks = List.copyOf(callbacks);
    }

    public boolean has(CallbackEvent event) {
        return callbacks.stream().anyMatch(c -> c.event() == event);
    }

    /** Runs the event's callbacks on {@code c} as it stands: inside the caller's transaction, or in autocommit. */
    public void run(CallbackEvent event, Connection c) {
        for (Callback callback : callbacks) {
            if (callback.event() == event) {
                for (SqlStatement statement : callback.body().statements()) {
                    try {
                        StatementRunner.execute(c, statement);
                    } catch (SQLException e) {
                        throw new MigrationFailedException(callback.path() + ":" + statement.line() + ": the " + event.fileName()
                                + " callback failed: " + e.getMessage(), callback.path(), statement.line(),
                                Optional.ofNullable(e.getSQLState()), true, e);
                    }
                }
            }
        }
    }

    /** Runs the event's callbacks in a transaction of their own on {@code c}, which is in autocommit. */
    public void runInTransaction(CallbackEvent event, Connection c) throws SQLException {
        if (!has(event)) {
            return;
        }
        c.setAutoCommit(false);
        try {
            run(event, c);
            c.commit();
        } catch (RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * The error callbacks ({@code afterEachMigrateError}, {@code afterMigrateError}): run after a failure, their
     * own failure added to it as suppressed, so the failure a person must see stays the first.
     */
    public void runAfterError(CallbackEvent event, Connection c, Exception failure) {
        try {
            runInTransaction(event, c);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
