package dev.sluice.execution;

import dev.sluice.history.HistoryRow;
import dev.sluice.history.HistoryTable;
import dev.sluice.history.MigrationState;
import dev.sluice.migration.Direction;
import dev.sluice.migration.DurationText;
import dev.sluice.migration.JavaMigrationBody;
import dev.sluice.migration.MigrationContext;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.schema.SchemaReader;
import dev.sluice.schema.SnapshotOptions;
import dev.sluice.sql.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link MigrationPlan} on one connection, step after step, and stops at the first failure.
 *
 * <p>A transactional step runs its statements, its assertions and its history row in one transaction,
 * so it either happens completely or not at all. A step that cannot run in a transaction writes a
 * RUNNING row first and completes it afterwards, so a crash in between is visible in {@code status}.
 *
 * <p>Hazard: the caller must hold the migration lock (see {@link dev.sluice.db.AdvisoryLock}) on another
 * connection for the whole run; this class does not take it, so that a concurrent index build in a step
 * can never wait on the lock's session.
 */
public final class PlanExecutor {

    private final Connection connection;
    private final HistoryTable history;
    private final String installedBy;
    private final MigrationListener listener;

    public PlanExecutor(Connection connection, HistoryTable history, String installedBy, MigrationListener listener) {
        this.connection = connection;
        this.history = history;
        this.installedBy = installedBy;
        this.listener = listener;
    }

    /** Runs every step; returns the completed ones, or throws for the first that failed. */
    public List<StepResult> execute(MigrationPlan plan) throws SQLException {
        List<StepResult> done = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            listener.stepStarted(step);
            long start = System.nanoTime();
            try {
                if (step.transactional()) {
                    runInTransaction(step);
                } else {
                    runInAutocommit(step);
                }
            } catch (MigrationFailedException e) {
                listener.stepFailed(step, e);
                throw e;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            listener.stepFinished(step, millis);
            done.add(new StepResult(step, millis));
        }
        return done;
    }

    private void runInTransaction(PlanStep step) throws SQLException {
        connection.setAutoCommit(false);
        long start = System.nanoTime();
        try {
            applyTimeouts(step, "set local ");
            runBody(step, 0, true);
            long millis = (System.nanoTime() - start) / 1_000_000;
            recordSuccess(step, millis);
            connection.commit();
        } catch (MigrationFailedException e) {
            rollbackQuietly();
            recordFailure(step, (System.nanoTime() - start) / 1_000_000);
            throw e;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            recordFailure(step, (System.nanoTime() - start) / 1_000_000);
            throw new MigrationFailedException(step.scriptName() + ": " + e.getMessage()
                    + ". The migration was rolled back; nothing of it remains.", step.scriptName(), 0,
                    e instanceof SQLException s ? Optional.ofNullable(s.getSQLState()) : Optional.empty(), true, e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void runInAutocommit(PlanStep step) throws SQLException {
        connection.setAutoCommit(true);
        applyTimeouts(step, "set ");
        long start = System.nanoTime();
        int rank = history.insert(connection, row(step, MigrationState.RUNNING, Optional.empty()));
        try {
            runBody(step, rank, false);
            long millis = (System.nanoTime() - start) / 1_000_000;
            history.complete(connection, rank, MigrationState.APPLIED, millis);
            recordFingerprint(rank);
            if (step.direction() == Direction.DOWN) {
                history.setState(connection, step.undoes().orElseThrow().rank(), MigrationState.ROLLED_BACK);
            }
        } catch (MigrationFailedException e) {
            history.complete(connection, rank, MigrationState.FAILED, (System.nanoTime() - start) / 1_000_000);
            throw e;
        } finally {
            try (Statement s = connection.createStatement()) {
                s.execute("reset lock_timeout");
                s.execute("reset statement_timeout");
            }
        }
    }

    private void applyTimeouts(PlanStep step, String verb) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(verb + "lock_timeout = '" + DurationText.toSetting(step.lockTimeout()) + "'");
            s.execute(verb + "statement_timeout = '" + DurationText.toSetting(step.statementTimeout()) + "'");
        }
    }

    /** Runs the statements or Java methods; {@code transactional} decides what a failure message promises. */
    private void runBody(PlanStep step, int rank, boolean transactional) {
        if (step.body() instanceof SqlMigrationBody sql) {
            runSql(step, sql, transactional);
        } else {
            runJava(step, (JavaMigrationBody) step.body(), transactional);
        }
    }

    private void runSql(PlanStep step, SqlMigrationBody sql, boolean transactional) {
        List<SqlStatement> statements = sql.statements();
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement statement = statements.get(i);
            listener.statementStarted(step, statement);
            long start = System.nanoTime();
            try {
                StatementRunner.execute(connection, statement);
            } catch (SQLException e) {
                throw failure(step, StatementFailure.of(statement, e), transactional, i, statements.size());
            }
            listener.statementFinished(step, statement, (System.nanoTime() - start) / 1_000_000);
        }
        for (SqlStatement assertion : sql.validations()) {
            Optional<String> broken;
            try {
                broken = StatementRunner.check(connection, assertion);
            } catch (SQLException e) {
                throw failure(step, StatementFailure.of(assertion, e), transactional, statements.size(), statements.size());
            }
            if (broken.isPresent()) {
                String message = step.scriptName() + ":" + assertion.line() + ": validation failed: '"
                        + assertion.summary(80) + "' " + broken.get() + ". "
                        + (transactional ? "The migration was rolled back; nothing of it remains."
                        : "All " + statements.size() + " statements had run (autocommit); check the database before repairing.");
                throw new MigrationFailedException(message, step.scriptName(), assertion.line(), Optional.empty(), transactional, null);
            }
        }
    }

    private void runJava(PlanStep step, JavaMigrationBody java, boolean transactional) {
        MigrationContext context = new MigrationContext(connection, java.migration().getClass().getName());
        String phase = java.direction() == Direction.UP ? "performUp" : "performDown";
        try {
            java.perform(context);
            phase = java.direction() == Direction.UP ? "validateUp" : "validateDown";
            java.validate(context);
        } catch (Exception e) {
            String message = step.scriptName() + ": " + phase + " failed: " + e.getMessage()
                    + (e instanceof SQLException s && s.getSQLState() != null ? " [SQLSTATE " + s.getSQLState() + "]" : "")
                    + ". " + (transactional ? "The migration was rolled back; nothing of it remains."
                    : "It ran outside a transaction; check what it changed before repairing.");
            throw new MigrationFailedException(message, step.scriptName(), 0,
                    e instanceof SQLException s ? Optional.ofNullable(s.getSQLState()) : Optional.empty(), transactional, e);
        }
    }

    private MigrationFailedException failure(PlanStep step, StatementFailure f, boolean transactional, int index, int total) {
        String state = transactional
                ? "The migration was rolled back; nothing of it remains. Fix the file and run migrate again."
                : (index == 0 ? "No statement of it had taken effect (autocommit)."
                : "Statements 1-" + index + " of " + total + " had already taken effect (autocommit, up to line "
                + ((SqlMigrationBody) step.body()).statements().get(index - 1).line() + "); statement " + (index + 1)
                + " and later did not run. Check the database, then run 'sluice repair' and migrate again.");
        String message = step.scriptName() + ":" + f.line() + ": " + f.describe() + "\n  in: " + f.statement().summary(100)
                + "\n  " + state;
        return new MigrationFailedException(message, step.scriptName(), f.line(), f.sqlState(), transactional, f.cause());
    }

    private void recordSuccess(PlanStep step, long millis) throws SQLException {
        int rank = history.insert(connection, row(step, MigrationState.APPLIED, Optional.of(millis)));
        recordFingerprint(rank);
        if (step.direction() == Direction.DOWN) {
            history.setState(connection, step.undoes().orElseThrow().rank(), MigrationState.ROLLED_BACK);
        }
    }

    /**
     * Stores the schema fingerprint after the step, inside its transaction where it has one. A fingerprint
     * that cannot be taken leaves the column empty rather than failing a migration that succeeded; a
     * savepoint keeps such a failure from aborting the step's transaction.
     */
    private void recordFingerprint(int rank) throws SQLException {
        SchemaReader reader = new SchemaReader(SnapshotOptions.defaults().withHistoryTable(history.schema(), history.table()));
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try {
            history.setFingerprint(connection, rank, reader.read(connection).fingerprint());
        } catch (SQLException | RuntimeException e) {
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            return;
        }
        if (savepoint != null) {
            connection.releaseSavepoint(savepoint);
        }
    }

    /** After a rollback, notes the failed attempt in its own small transaction; a note, not a state change. */
    private void recordFailure(PlanStep step, long millis) {
        try {
            connection.setAutoCommit(true);
            history.insert(connection, row(step, MigrationState.FAILED, Optional.of(millis)));
        } catch (SQLException ignored) {
            // The connection may be gone; the failure itself is what the caller reports.
        }
    }

    private HistoryRow row(PlanStep step, MigrationState state, Optional<Long> millis) {
        var m = step.migration();
        MigrationType type = step.direction() == Direction.DOWN ? MigrationType.UNDO : m.type();
        return new HistoryRow(m.version(), m.description(), type, step.scriptName(),
                step.direction() == Direction.DOWN ? Optional.empty() : m.checksum(), installedBy, state, millis, Optional.empty());
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // A broken connection rolls back on the server when it closes.
        }
    }
}
