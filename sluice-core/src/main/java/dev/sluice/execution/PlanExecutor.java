package dev.sluice.execution;

import dev.sluice.db.Blocker;
import dev.sluice.db.BlockerQueries;
import dev.sluice.db.Deadline;
import dev.sluice.db.RetryPolicy;
import dev.sluice.history.HistoryRow;
import dev.sluice.history.HistoryTable;
import dev.sluice.history.MigrationState;
import dev.sluice.migration.Direction;
import dev.sluice.migration.DurationText;
import dev.sluice.migration.JavaMigrationBody;
import dev.sluice.migration.MigrationContext;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.migration.StatementRunner;
import dev.sluice.schema.SchemaReader;
import dev.sluice.schema.SnapshotOptions;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementFacts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a {@link MigrationPlan} on one connection, step after step, and stops at the first failure.
 *
 * <p>A transactional step runs its statements, its assertions and its history row in one transaction,
 * so it either happens completely or not at all; when it cannot get a lock within {@code lock_timeout}
 * (or loses a deadlock) the transaction is rolled back and the whole step tried again with backoff until
 * the retry deadline, so the application's queries never queue behind it for longer than the lock
 * timeout. A step that cannot run in a transaction writes a RUNNING row first, runs statement by
 * statement (retrying a statement the same way), drops an invalid index an interrupted concurrent build
 * left before building it again, and completes the row afterwards.
 *
 * <p>Hazard: the caller must hold the migration lock (see {@link dev.sluice.db.AdvisoryLock}) on another
 * connection for the whole run; this class does not take it, so that a concurrent index build in a step
 * can never wait on the lock's session.
 */
public final class PlanExecutor {

    private final Connection connection;
    private final HistoryTable history;
    private final String installedBy;
    private final ExecutionSettings settings;
    private final MigrationListener listener;
    private final Connection monitor;
    private final Preflight preflight;
    /**
     * The schema fingerprint is taken after the last step of a run only: reading the catalog after every
     * step made a run of many small migrations quadratic (1,000 one-table migrations took 34 s instead
     * of 3 s), and drift detection needs only the newest fingerprint.
     */
    private boolean fingerprintThisStep;

    /**
     * @param monitor a second connection for watching blockers and pre-flight checks; {@code null} to
     *                run without them
     */
    public PlanExecutor(Connection connection, Connection monitor, HistoryTable history, String installedBy,
                        ExecutionSettings settings, MigrationListener listener) {
        this.connection = connection;
        this.monitor = monitor;
        this.preflight = monitor == null ? Preflight.NONE : new Preflight(monitor, settings, listener);
        this.history = history;
        this.installedBy = installedBy;
        this.settings = settings;
        this.listener = listener;
    }

    /** Runs every step; returns the completed ones, or throws for the first that failed. */
    public List<StepResult> execute(MigrationPlan plan) throws SQLException {
        List<StepResult> done = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            s.execute("set idle_in_transaction_session_timeout = '" + DurationText.toSetting(settings.idleTimeout()) + "'");
            // If this runner dies mid-statement, the server notices within a second instead of running the
            // statement to its end while holding its locks (PostgreSQL 14+).
            s.execute("set client_connection_check_interval = '1s'");
        }
        try (BlockerWatch watch = monitor == null ? BlockerWatch.NONE : new BlockerWatch(monitor, backendPid())) {
            for (int i = 0; i < plan.steps().size(); i++) {
                PlanStep step = plan.steps().get(i);
                fingerprintThisStep = settings.fingerprints() && i == plan.steps().size() - 1;
                listener.stepStarted(step);
                long start = System.nanoTime();
                try {
                    preflight.check(step);
                    if (step.transactional()) {
                        runInTransaction(step, watch);
                    } else {
                        runInAutocommit(step, watch);
                    }
                } catch (MigrationFailedException e) {
                    listener.stepFailed(step, e);
                    throw e;
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                listener.stepFinished(step, millis);
                done.add(new StepResult(step, millis));
            }
        }
        return done;
    }

    private int backendPid() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void runInTransaction(PlanStep step, BlockerWatch watch) throws SQLException {
        long start = System.nanoTime();
        try {
            withRetries(step, () -> attemptInTransaction(step, watch, start));
        } catch (MigrationFailedException e) {
            recordFailure(step, (System.nanoTime() - start) / 1_000_000);
            throw e;
        }
    }

    /** One attempt: the step's statements, assertions and history row in one transaction, or nothing. */
    private void attemptInTransaction(PlanStep step, BlockerWatch watch, long start) throws SQLException {
        connection.setAutoCommit(false);
        try {
            applyTimeouts(step, "set local ");
            runBody(step, true, watch);
            recordSuccess(step, (System.nanoTime() - start) / 1_000_000);
            connection.commit();
        } catch (MigrationFailedException e) {
            rollbackQuietly();
            throw e;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw new MigrationFailedException(step.scriptName() + ": " + e.getMessage()
                    + ". The migration was rolled back; nothing of it remains.", step.scriptName(), 0,
                    e instanceof SQLException s ? Optional.ofNullable(s.getSQLState()) : Optional.empty(), true, e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Work that either completes or throws a {@link MigrationFailedException} saying what it left behind. */
    @FunctionalInterface
    private interface Attempt {
        void run() throws SQLException;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails with something other than a lock timeout or deadlock,
     * or the retry deadline passes; earlier attempts end up as suppressed exceptions of the last.
     *
     * <p>Each attempt that times out on a lock queues the application's queries behind it for up to the
     * lock timeout, so attempts must be few. When the blocking transaction is known, the next attempt waits
     * until that transaction has ended, watched from the monitor connection without taking any lock;
     * otherwise it waits an exponential backoff with jitter.
     */
    private void withRetries(PlanStep step, Attempt attempt) throws SQLException {
        RetryPolicy policy = RetryPolicy.withDeadline(settings.retryDeadline());
        Deadline deadline = Deadline.after(policy.deadline());
        List<MigrationFailedException> earlier = new ArrayList<>();
        for (int n = 1; ; n++) {
            try {
                attempt.run();
                return;
            } catch (MigrationFailedException e) {
                if (!RetryPolicy.isRetryable(e.sqlState().orElse(null))) {
                    throw e;
                }
                earlier.add(e);
                if (monitor != null && !e.blockers().isEmpty()) {
                    listener.retrying(step, n, Duration.ZERO, reasonOf(e));
                    if (!awaitEnd(e.blockers(), deadline)) {
                        earlier.remove(e);
                        throw gaveUp(step, n, e, earlier);
                    }
                    sleep(policy.delayAfter(1));
                    continue;
                }
                Duration delay = policy.delayAfter(n);
                if (deadline.remaining().compareTo(delay) <= 0) {
                    earlier.remove(e);
                    throw gaveUp(step, n, e, earlier);
                }
                listener.retrying(step, n, delay, reasonOf(e));
                sleep(delay);
            }
        }
    }

    /** Polls until every blocking transaction has ended; false when the deadline passed first. */
    private boolean awaitEnd(List<Blocker> blockers, Deadline deadline) throws SQLException {
        List<Blocker> open = blockers;
        while (!open.isEmpty()) {
            if (deadline.expired()) {
                return false;
            }
            sleep(Duration.ofMillis(Math.min(200, Math.max(1, deadline.remaining().toMillis()))));
            open = BlockerQueries.stillOpen(monitor, open);
        }
        return true;
    }

    private MigrationFailedException gaveUp(PlanStep step, int attempts, MigrationFailedException last,
                                            List<MigrationFailedException> earlier) {
        MigrationFailedException e = new MigrationFailedException(last.getMessage() + "\n  gave up after " + attempts
                + " attempts over the retry deadline of " + DurationText.format(settings.retryDeadline())
                + "; find the blocking session above, end it or wait for a quieter moment, and run migrate again"
                + " (--retry-deadline sets the deadline)", last.script(), last.line(), last.sqlState(), last.rolledBack(), last);
        earlier.forEach(e::addSuppressed);
        return e;
    }

    private void runInAutocommit(PlanStep step, BlockerWatch watch) throws SQLException {
        connection.setAutoCommit(true);
        applyTimeouts(step, "set ");
        long start = System.nanoTime();
        if (step.resumes().isPresent()) {
            history.setState(connection, step.resumes().get().rank(), MigrationState.FAILED);
            listener.notice(step, "resuming after an interrupted run (history row " + step.resumes().get().rank()
                    + "); every statement is idempotent, so it runs again from the start");
        }
        if (step.body() instanceof SqlMigrationBody sql && !sql.autocommitStatements().isEmpty()
                && sql.statements().size() > sql.autocommitStatements().size()) {
            listener.notice(step, "runs in autocommit because of " + sql.autocommitStatements().stream()
                    .map(a -> "line " + a.statement().line()).collect(Collectors.joining(", "))
                    + "; its other statements take effect one by one, without a transaction around them");
        }
        int rank = history.insert(connection, row(step, MigrationState.RUNNING, Optional.empty()));
        try {
            runBody(step, false, watch);
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
    private void runBody(PlanStep step, boolean transactional, BlockerWatch watch) throws SQLException {
        if (step.body() instanceof SqlMigrationBody sql) {
            runSql(step, sql, transactional, watch);
        } else {
            runJava(step, (JavaMigrationBody) step.body(), transactional);
        }
    }

    private void runSql(PlanStep step, SqlMigrationBody sql, boolean transactional, BlockerWatch watch) throws SQLException {
        List<SqlStatement> statements = sql.statements();
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement statement = statements.get(i);
            listener.statementStarted(step, statement);
            long start = System.nanoTime();
            if (transactional) {
                runStatement(step, statement, watch, true, i, statements.size());
            } else {
                runStatementWithRetry(step, statement, watch, i, statements.size());
            }
            listener.statementFinished(step, statement, (System.nanoTime() - start) / 1_000_000);
        }
        for (SqlStatement assertion : sql.validations()) {
            Optional<String> broken;
            try {
                broken = StatementRunner.check(connection, assertion);
            } catch (SQLException e) {
                throw failure(step, StatementFailure.of(assertion, e), List.of(), transactional, statements.size(), statements.size());
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

    private void runStatement(PlanStep step, SqlStatement statement, BlockerWatch watch, boolean transactional, int index, int total) {
        watch.arm(step.lockTimeout());
        try {
            StatementRunner.execute(connection, statement);
            watch.disarm();
        } catch (SQLException e) {
            List<Blocker> blockers = watch.disarm();
            throw failure(step, StatementFailure.of(statement, e), blockers, transactional, index, total);
        }
    }

    /** In autocommit each statement is its own transaction, so a lock timeout retries just that statement. */
    private void runStatementWithRetry(PlanStep step, SqlStatement statement, BlockerWatch watch, int index, int total)
            throws SQLException {
        Optional<String> concurrentIndex = StatementFacts.of(statement).concurrentIndex();
        withRetries(step, () -> {
            if (concurrentIndex.isPresent() && InvalidIndexes.dropIfInvalid(connection, step, concurrentIndex.get())) {
                listener.notice(step, "dropped invalid index " + concurrentIndex.get() + " left by an interrupted concurrent build");
            }
            runStatement(step, statement, watch, false, index, total);
        });
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

    private MigrationFailedException failure(PlanStep step, StatementFailure f, List<Blocker> blockers,
                                             boolean transactional, int index, int total) {
        String state = transactional
                ? "The migration was rolled back; nothing of it remains."
                + (RetryPolicy.isRetryable(f.sqlState().orElse(null)) ? "" : " Fix the file and run migrate again.")
                : (index == 0 ? "No statement of it had taken effect (autocommit)."
                : "Statements 1-" + index + " of " + total + " had already taken effect (autocommit, up to line "
                + ((SqlMigrationBody) step.body()).statements().get(index - 1).line() + "); statement " + (index + 1)
                + " and later did not run. Check the database, then run 'sluice repair' and migrate again.");
        String blockedBy = blockers.isEmpty() ? "" : "\n  blocked by: " + blockers.stream().map(Blocker::toString)
                .collect(Collectors.joining("; "));
        String message = step.scriptName() + ":" + f.line() + ": " + f.describe() + blockedBy
                + "\n  in: " + f.statement().summary(100) + "\n  " + state;
        return new MigrationFailedException(message, step.scriptName(), f.line(), f.sqlState(), transactional, f.cause(), blockers);
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
        if (!fingerprintThisStep) {
            return;
        }
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

    /** The failure's first line and whom it was blocked by, for the retry log; no statement text. */
    private static String reasonOf(MigrationFailedException e) {
        return e.getMessage().lines().filter(l -> !l.startsWith("  in:") && !l.startsWith("  The ") && !l.startsWith("  Statements"))
                .map(String::strip).collect(Collectors.joining("; "));
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationBlockedException("interrupted while waiting to retry");
        }
    }
}
