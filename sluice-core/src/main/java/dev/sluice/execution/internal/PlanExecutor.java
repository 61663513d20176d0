package dev.sluice.execution.internal;

import dev.sluice.execution.StepResult;
import dev.sluice.execution.PlanStep;
import dev.sluice.execution.MigrationBlockedException;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationFailedException;
import dev.sluice.execution.ConnectionLostException;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.db.Blocker;
import dev.sluice.db.internal.BlockerQueries;
import dev.sluice.db.Deadline;
import dev.sluice.db.LockLostException;
import dev.sluice.db.RetryPolicy;
import dev.sluice.db.internal.SessionKeepAlive;
import dev.sluice.db.internal.SqlStates;
import dev.sluice.history.AppliedMigration;
import dev.sluice.history.HistoryConflictException;
import dev.sluice.history.internal.HistoryRow;
import dev.sluice.history.internal.HistoryTable;
import dev.sluice.history.MigrationState;
import dev.sluice.migration.Direction;
import dev.sluice.migration.DurationText;
import dev.sluice.db.internal.SqlLiterals;
import dev.sluice.migration.JavaMigrationBody;
import dev.sluice.migration.MigrationContext;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.migration.internal.StatementRunner;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementFacts;
import dev.sluice.trace.internal.StatementObserver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * left before building it again, and completes the row afterwards. Each statement that can run in a
 * transaction commits together with the row's count of finished statements, so after a crash the count is
 * exact and the next run resumes after it.
 *
 * <p>This is the one runner of migration bodies: {@code sluice trace} runs its migrations here too, with a
 * {@link StatementObserver} that reads each statement's locks before its transaction commits. Without one
 * ({@link StatementObserver#NONE}) nothing is sent beyond what the run needs.
 *
 * <p>Hazard: the caller must hold the migration lock (see {@link dev.sluice.db.internal.AdvisoryLock}) on another
 * connection for the whole run; this class does not take it, so that a concurrent index build in a step
 * can never wait on the lock's session. It asks the {@link LockCheck} before every step and every
 * autocommit statement, and the history table's unique index refuses a second APPLIED row, so a runner
 * that lost its lock stops instead of applying a migration twice.
 */
public final class PlanExecutor {

    private final Connection connection;
    private final HistoryTable history;
    private final String installedBy;
    private final ExecutionSettings settings;
    private final MigrationListener listener;
    private final Connection monitor;
    private final Preflight preflight;
    private final LockCheck lock;
    private final StatementObserver observer;
    private ConflictWait conflicts = ConflictWait.NONE;
    /**
     * The schema fingerprint is taken after the last step of a run only: reading the catalog after every
     * step made a run of many small migrations quadratic (1,000 one-table migrations took 34 s instead
     * of 3 s), and drift detection needs only the newest fingerprint.
     */
    private boolean fingerprintThisStep;
    /**
     * Whether the current step's statements go one by one rather than in groups: after a group failed, so
     * that the next attempt names the statement that fails (the driver does not say which entry of a batch
     * inside a transaction failed).
     */
    private boolean oneByOne;
    /**
     * The transaction's settings and lock check, when they ride with the step's first group instead of
     * going in a round trip of their own ({@link #preamble}); emptied when sent.
     */
    private List<String> pendingPreamble = List.of();
    /** Set once the lock check could not be decided on the migration's connection; the round trip of its own decides from then on. */
    private boolean preambleUndecidable;
    /** Statements of the current autocommit step that have taken effect, for the message when the connection breaks. */
    private int statementsDone;
    /** The SQL callbacks around each up step; none unless {@link #withCallbacks} gives them. */
    private CallbackRunner callbacks = CallbackRunner.NONE;

    /**
     * @param monitor a second connection for watching blockers and pre-flight checks; {@code null} to
     *                run without them
     * @param lock    asked before every step whether this runner still holds the migration lock
     */
    public PlanExecutor(Connection connection, Connection monitor, HistoryTable history, String installedBy,
                        ExecutionSettings settings, MigrationListener listener, LockCheck lock) {
        this(connection, monitor, history, installedBy, settings, listener, lock, StatementObserver.NONE);
    }

    /**
     * @param observer told around every statement and commit, on the migration's connection; a trace's
     *                 {@link dev.sluice.trace.internal.LockTracer} reads the locks each statement holds there
     */
    public PlanExecutor(Connection connection, Connection monitor, HistoryTable history, String installedBy,
                        ExecutionSettings settings, MigrationListener listener, LockCheck lock, StatementObserver observer) {
        this.connection = connection;
        this.observer = observer;
        this.lock = lock;
        this.monitor = monitor;
        this.preflight = monitor == null ? Preflight.NONE : new Preflight(monitor, settings, listener);
        this.history = history;
        this.installedBy = installedBy;
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Runs {@code beforeEachMigrate} and {@code afterEachMigrate} inside each up step's transaction (in
     * autocommit around a step that has none) and {@code afterEachMigrateError} after a failed one.
     */
    public PlanExecutor withCallbacks(CallbackRunner callbacks) {
        this.callbacks = callbacks;
        return this;
    }

    /**
     * Runs every step; returns the completed ones, or throws for the first that failed.
     *
     * @throws ConnectionLostException when the connection broke, saying what committed before it did
     * @throws LockLostException       when this runner no longer holds the migration lock before a step
     * @throws HistoryConflictException when another runner recorded the same migration meanwhile
     */
    public List<StepResult> execute(MigrationPlan plan) throws SQLException {
        List<StepResult> done = new ArrayList<>();
        PlanStep current = null;
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("set idle_in_transaction_session_timeout = '" + DurationText.toSetting(settings.idleTimeout()) + "'");
                // If this runner dies mid-statement, the server notices within a second instead of running the
                // statement to its end while holding its locks (PostgreSQL 14+).
                s.execute("set client_connection_check_interval = '1s'");
            }
            SessionKeepAlive.disableIdleTimeout(connection);
            int pid = backendPid();
            conflicts = monitor == null ? ConflictWait.NONE : new ConflictWait(monitor, pid, settings.blockerGrace(), listener);
            try (BlockerWatch watch = monitor == null ? BlockerWatch.NONE : new BlockerWatch(monitor, pid)) {
                for (int i = 0; i < plan.steps().size(); i++) {
                    PlanStep step = plan.steps().get(i);
                    current = step;
                    statementsDone = 0;
                    if (!step.transactional() || lock.condition().isEmpty()) {
                        lock.verifyHeld();
                    }
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
                        if (sessionLost(e)) {
                            throw e;
                        }
                        if (step.direction() == Direction.UP) {
                            callbacks.runAfterError(dev.sluice.migration.CallbackEvent.AFTER_EACH_MIGRATE_ERROR, connection, e);
                        }
                        listener.stepFailed(step, e);
                        throw e;
                    }
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    observer.migrationFinished();
                    listener.stepFinished(step, millis);
                    done.add(new StepResult(step, millis));
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (!(e instanceof LockLostException) && !(e instanceof HistoryConflictException) && sessionLost(e)) {
                throw connectionLost(current, done, e);
            }
            throw e;
        }
        return done;
    }

    /** Whether {@code e} came from a session that is gone, rather than from the migration itself. */
    private boolean sessionLost(Throwable e) {
        if (SqlStates.sessionLostIn(e).isPresent()) {
            return true;
        }
        try {
            return connection.isClosed();
        } catch (SQLException ignored) {
            return true;
        }
    }

    private ConnectionLostException connectionLost(PlanStep step, List<StepResult> done, Exception cause) {
        Throwable root = cause;
        while (root instanceof MigrationFailedException && root.getCause() != null) {
            root = root.getCause();
        }
        StringBuilder message = new StringBuilder("the connection to the database broke");
        if (step != null) {
            message.append(" while ").append(step.migration().label()).append(" (").append(step.scriptName()).append(") ran");
        }
        message.append(": ").append(root.getMessage());
        message.append(done.isEmpty() ? "\n  no migration of this run had committed before it"
                : "\n  committed before it in this run: " + done.stream().map(d -> d.step().migration().label())
                .collect(Collectors.joining(", ")));
        if (step != null && step.transactional()) {
            message.append("\n  ").append(step.migration().label()).append(" ran in one transaction, which the server rolled back"
                    + " unless the break came during its commit; 'sluice status' shows which");
        } else if (step != null) {
            int total = step.body() instanceof SqlMigrationBody sql ? sql.statements().size() : 0;
            message.append("\n  ").append(step.migration().label()).append(" runs statement by statement; ")
                    .append(statementsDone == 0 ? "none of its statements" : firstStatements(statementsDone) + (total > 0 ? " of " + total : ""))
                    .append(" had taken effect and are recorded, so the next migrate resumes after them");
        }
        message.append("\n  run the command again once the server is back (--reconnect-wait waits for it)");
        return new ConnectionLostException(message.toString(), done, cause);
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
            List<SqlStatement> statements = step.body() instanceof SqlMigrationBody sql ? sql.statements() : List.of();
            oneByOne = false;
            withRetries(step, statements, () -> attemptInTransaction(step, watch, start));
        } catch (MigrationFailedException e) {
            recordFailure(step, (System.nanoTime() - start) / 1_000_000);
            throw e;
        }
        if (fingerprintThisStep) {
            SchemaFingerprint.storeInNewestRow(connection, history);
        }
    }

    /**
     * One attempt: the step's statements, assertions and history row in one transaction, or nothing. Its
     * first statement sets the timeouts and, where the lock check has a SQL form, checks the migration lock
     * in the same round trip, before any statement of the step runs.
     */
    private void attemptInTransaction(PlanStep step, BlockerWatch watch, long start) throws SQLException {
        connection.setAutoCommit(false);
        long beforeTransaction = (System.nanoTime() - start) / 1_000_000;
        try {
            pendingPreamble = preamble(step);
            if (pendingPreamble.isEmpty()) {
                applyTimeouts(step, true, lock.condition());
            }
            observer.migrationStarted(connection, step.scriptName(), true);
            eachCallback(step, dev.sluice.migration.CallbackEvent.BEFORE_EACH_MIGRATE);
            boolean committed = false;
            if (step.body() instanceof SqlMigrationBody sql) {
                committed = runTransactionalSql(step, sql, watch, beforeTransaction);
            } else {
                runJava(step, (JavaMigrationBody) step.body(), true);
            }
            if (!committed) {
                eachCallback(step, dev.sluice.migration.CallbackEvent.AFTER_EACH_MIGRATE);
                committed = commitsWithItsRow(step) && runGroup(step, List.of(), null, 0, 0, true, beforeTransaction, watch);
            }
            if (!committed) {
                recordSuccess(step, (System.nanoTime() - start) / 1_000_000);
                connection.commit();
            }
            observer.committed();
        } catch (GroupFailedException e) {
            rollbackQuietly();
            restoreAutocommit();
            oneByOne = true;
            preambleUndecidable |= LockCheckStatement.undecided(e.error());
            if (RetryPolicy.isRetryable(e.error())) {
                throw failure(step, e.waiter().map(w -> StatementFailure.of(w, e.error()))
                        .orElseGet(() -> StatementFailure.ofGroup(e.group(), e.error())), e.blockers(), true, e.offset(), e.total());
            }
            attemptInTransaction(step, watch, start);
        } catch (MigrationFailedException | HistoryConflictException | LockLostException e) {
            rollbackQuietly();
            throw e;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw new MigrationFailedException(step.scriptName() + ": " + e.getMessage()
                    + ". The migration was rolled back; nothing of it remains.", step.scriptName(), 0,
                    e instanceof SQLException s ? Optional.ofNullable(s.getSQLState()) : Optional.empty(), true, e);
        } finally {
            restoreAutocommit();
        }
    }

    /**
     * A group of statements sent together failed. The driver does not say which entry failed inside a
     * transaction, so the attempt is rolled back and run again statement by statement: at once for an
     * error the statements make themselves (the same statement fails again, now named with its line), as
     * the next attempt for a lock timeout or deadlock, which waits for the blocker first.
     */
    private static final class GroupFailedException extends SQLException {
        private final transient List<SqlStatement> group;
        private final transient List<Blocker> blockers;
        private final transient SqlStatement waiter;
        private final int offset;
        private final int total;

        GroupFailedException(SQLException error, List<SqlStatement> group, SqlStatement waiter, List<Blocker> blockers,
                             int offset, int total) {
            super(error.getMessage(), error.getSQLState(), error);
            this.group = group;
            this.waiter = waiter;
            this.blockers = blockers;
            this.offset = offset;
            this.total = total;
        }

        SQLException error() {
            return (SQLException) getCause();
        }

        List<SqlStatement> group() {
            return group;
        }

        /** The group's one statement that may wait for a lock, the one a lock timeout or deadlock is about. */
        Optional<SqlStatement> waiter() {
            return Optional.ofNullable(waiter);
        }

        List<Blocker> blockers() {
            return blockers;
        }

        int offset() {
            return offset;
        }

        int total() {
            return total;
        }
    }

    /**
     * A transactional script's statements, assertions and, where it can, its history row and commit.
     * Consecutive statements that return no rows go to the server together in one round trip, and the row
     * and {@code COMMIT} ride with the last of them; a statement that may return rows, and every statement
     * while a trace observes them one by one, goes alone. Nothing of the safety changes: every statement
     * still runs under the step's {@code lock_timeout} in the step's one transaction, the blocker watch
     * covers the whole group, and a failure names the statement that failed and rolls everything back.
     *
     * @return whether the step's row was written and its transaction committed with its last group
     */
    private boolean runTransactionalSql(PlanStep step, SqlMigrationBody sql, BlockerWatch watch, long beforeTransaction)
            throws SQLException {
        List<SqlStatement> statements = sql.statements();
        boolean rowWithLastGroup = commitsWithItsRow(step) && sql.validations().isEmpty()
                && !(step.direction() == Direction.UP && callbacks.has(dev.sluice.migration.CallbackEvent.AFTER_EACH_MIGRATE));
        boolean grouping = observer == StatementObserver.NONE && !oneByOne;
        Set<String> created = grouping ? NewTables.of(statements) : Set.of();
        int i = 0;
        while (i < statements.size()) {
            int end = i + 1;
            boolean rowless = grouping && RowlessStatements.isRowless(statements.get(i));
            if (rowless) {
                boolean mayWait = mayWaitForALock(statements.get(i), created);
                while (end < statements.size() && RowlessStatements.isRowless(statements.get(end))) {
                    boolean next = mayWaitForALock(statements.get(end), created);
                    if (mayWait && next) {
                        break;
                    }
                    mayWait |= next;
                    end++;
                }
            }
            boolean withRow = rowWithLastGroup && rowless && end == statements.size();
            if (withRow || end - i > 1) {
                if (runGroup(step, statements.subList(i, end), waiterOf(statements.subList(i, end), created), i,
                        statements.size(), withRow, beforeTransaction, watch)) {
                    return true;
                }
            } else {
                SqlStatement statement = statements.get(i);
                sendPreambleAlone(step);
                listener.statementStarted(step, statement);
                long start = System.nanoTime();
                runStatement(step, statement, watch, true, i, statements.size());
                listener.statementFinished(step, statement, (System.nanoTime() - start) / 1_000_000);
            }
            i = end;
        }
        sendPreambleAlone(step);
        runValidations(step, sql, true);
        return false;
    }

    /**
     * The statements that open a step's transaction, for its first group to carry: {@code SET LOCAL} of the
     * step's timeouts, then the migration lock's check ({@link LockCheckStatement}), so a small migration
     * costs one round trip and still runs nothing once the lock is lost. Empty where they go in a round
     * trip of their own first ({@link #applyTimeouts}): a Java migration, a step run statement by statement
     * (a trace, or the second try after a group failed), a step with callbacks that run before it, and once
     * the check could not be decided on this connection.
     */
    private List<String> preamble(PlanStep step) {
        if (!(step.body() instanceof SqlMigrationBody) || observer != StatementObserver.NONE || oneByOne || preambleUndecidable
                || step.direction() == Direction.UP && callbacks.has(dev.sluice.migration.CallbackEvent.BEFORE_EACH_MIGRATE)) {
            return List.of();
        }
        List<String> sql = new ArrayList<>(3);
        sql.add("set local lock_timeout = " + SqlLiterals.quote(DurationText.toSetting(step.lockTimeout())));
        sql.add("set local statement_timeout = " + SqlLiterals.quote(DurationText.toSetting(step.statementTimeout())));
        lock.condition().ifPresent(condition -> sql.add(LockCheckStatement.of(condition)));
        return sql;
    }

    /** Before a statement that goes alone, or the assertions: the preamble not yet sent, in a round trip of its own. */
    private void sendPreambleAlone(PlanStep step) throws SQLException {
        if (!pendingPreamble.isEmpty()) {
            pendingPreamble = List.of();
            applyTimeouts(step, true, lock.condition());
        }
    }

    /**
     * Whether a transactional step ends with its history row and {@code COMMIT} sent together: unless an
     * undo mark still has to be written in its transaction after the row.
     */
    private boolean commitsWithItsRow(PlanStep step) {
        return step.direction() != Direction.DOWN;
    }

    /**
     * Whether a statement may wait for a lock that application traffic holds: it touches a table the step
     * did not create, or it is a {@code DO} block, which may touch anything. A group holds at most one such
     * statement, so that a lock timeout in a group is known to be that statement's.
     */
    private static boolean mayWaitForALock(SqlStatement statement, Set<String> created) {
        StatementFacts facts = StatementFacts.of(statement);
        return facts.tables().stream().anyMatch(t -> !created.contains(t))
                || RowlessStatements.isDoBlock(statement);
    }

    /** The statement of {@code group} that may wait for a lock, or null when none may. */
    private static SqlStatement waiterOf(List<SqlStatement> group, Set<String> created) {
        return group.stream().filter(st -> mayWaitForALock(st, created)).findFirst().orElse(null);
    }

    /**
     * Sends {@code group} (statements {@code offset}.. of the script's {@code total}) in one round trip,
     * followed, when {@code withRow}, by the step's history row and {@code COMMIT}. Each statement is
     * reported started when the group is sent and finished, with the group's time, when it returns.
     *
     * @return {@code withRow}: whether the transaction was committed
     * @throws HistoryConflictException when another runner recorded the migration meanwhile
     */
    private boolean runGroup(PlanStep step, List<SqlStatement> group, SqlStatement waiter, int offset, int total,
                             boolean withRow, long beforeTransaction, BlockerWatch watch) throws SQLException {
        List<String> sql = new ArrayList<>(pendingPreamble.size() + group.size() + 2);
        sql.addAll(pendingPreamble);
        pendingPreamble = List.of();
        for (SqlStatement statement : group) {
            sql.add(statement.sql());
            listener.statementStarted(step, statement);
        }
        HistoryRow row = row(step, MigrationState.APPLIED, Optional.empty());
        if (withRow) {
            sql.add(history.appliedRowInsert(row, beforeTransaction));
            sql.add("commit");
        }
        watch.arm(step.lockTimeout(), group.size() > 1);
        long start = System.nanoTime();
        try {
            StatementBatch.run(connection, sql);
            watch.disarm();
        } catch (StatementBatch.BatchFailedException e) {
            List<Blocker> blockers = watch.disarm();
            if (group.isEmpty()) {
                Optional<HistoryConflictException> conflict = history.conflict(e.error(), row);
                if (conflict.isPresent()) {
                    throw conflict.get();
                }
                throw e.error();
            }
            throw new GroupFailedException(e.error(), group, waiter, blockers, offset, total);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        for (SqlStatement statement : group) {
            listener.statementFinished(step, statement, millis);
        }
        return withRow;
    }

    /**
     * Back to autocommit after a transaction. Quiet on a broken connection: the original failure is what
     * the caller must see, and a closed session has nothing left to restore.
     */
    /** The step's own callbacks of {@code event}, up steps only (Flyway's undo events are not run). */
    private void eachCallback(PlanStep step, dev.sluice.migration.CallbackEvent event) {
        if (step.direction() == Direction.UP) {
            callbacks.run(event, connection);
        }
    }

    private void restoreAutocommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // The connection is gone; the server rolled back whatever was open.
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
     * lock timeout, so attempts must be few. Before each attempt, transactions already holding a lock that
     * {@code statements} would conflict with are waited out with no lock request queued ({@link ConflictWait}).
     * When an attempt still times out and the blocking transaction is known, the next attempt waits until
     * that transaction has ended, watched from the monitor connection without taking any lock; otherwise it
     * waits an exponential backoff with jitter.
     */
    private void withRetries(PlanStep step, List<SqlStatement> statements, Attempt attempt) throws SQLException {
        RetryPolicy policy = RetryPolicy.withDeadline(settings.retryDeadline());
        Deadline deadline = Deadline.after(policy.deadline());
        List<MigrationFailedException> earlier = new ArrayList<>();
        for (int n = 1; ; n++) {
            try {
                conflicts.await(step, statements, deadline);
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
        applyTimeouts(step, false, Optional.empty());
        observer.migrationStarted(connection, step.scriptName(), false);
        long start = System.nanoTime();
        int from = step.resumes().flatMap(AppliedMigration::statementsDone).orElse(0);
        if (step.body() instanceof SqlMigrationBody sql && !sql.autocommitStatements().isEmpty()
                && sql.statements().size() > sql.autocommitStatements().size()) {
            listener.notice(step, "runs in autocommit because of " + sql.autocommitStatements().stream()
                    .map(a -> "line " + a.statement().line()).collect(Collectors.joining(", "))
                    + "; its other statements take effect one by one, without a transaction around them");
        }
        int rank = startRow(step, from);
        try {
            if (from == 0) {
                eachCallback(step, dev.sluice.migration.CallbackEvent.BEFORE_EACH_MIGRATE);
            }
            runBody(step, new Autocommit(rank, from, step.resumes().isPresent()), watch);
            eachCallback(step, dev.sluice.migration.CallbackEvent.AFTER_EACH_MIGRATE);
            long millis = (System.nanoTime() - start) / 1_000_000;
            history.complete(connection, rank, MigrationState.APPLIED, millis);
            recordFingerprint(rank);
            if (step.direction() == Direction.DOWN) {
                history.markRolledBack(connection, step.undoes().orElseThrow().rank());
            }
        } catch (MigrationFailedException e) {
            if (!sessionLost(e)) {
                try {
                    history.complete(connection, rank, MigrationState.FAILED, (System.nanoTime() - start) / 1_000_000);
                } catch (SQLException notRecorded) {
                    e.addSuppressed(notRecorded);
                }
            }
            throw e;
        } finally {
            resetTimeouts();
        }
    }

    /**
     * Writes the step's RUNNING row. When it resumes an interrupted run, the old row is marked FAILED and the
     * new one written in one transaction, so a crash in between cannot leave the version without a RUNNING
     * row (which would look like a failure that needs a person).
     */
    private int startRow(PlanStep step, int from) throws SQLException {
        if (step.resumes().isEmpty()) {
            return history.insert(connection, row(step, MigrationState.RUNNING, Optional.empty()));
        }
        AppliedMigration interrupted = step.resumes().get();
        connection.setAutoCommit(false);
        try {
            history.setState(connection, interrupted.rank(), MigrationState.FAILED);
            int rank = history.insert(connection, row(step, MigrationState.RUNNING, Optional.empty()), Optional.of(from));
            connection.commit();
            listener.notice(step, "resuming after an interrupted run (history row " + interrupted.rank() + "); "
                    + (from == 0 ? "it runs again from its first statement"
                    : firstStatements(from) + " had taken effect, so it goes on with statement " + (from + 1)));
            return rank;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            restoreAutocommit();
        }
    }

    private void resetTimeouts() {
        try (Statement s = connection.createStatement()) {
            // One round trip: the driver sends both before it waits for an answer.
            s.execute("reset lock_timeout; reset statement_timeout");
        } catch (SQLException ignored) {
            // A broken connection has no settings left to reset; the failure that broke it is reported.
        }
    }

    /**
     * Where an autocommit step stands: its history row, the first statement to run, and whether it takes
     * over an interrupted run (so that work the interrupted run finished is recognised instead of redone).
     */
    private record Autocommit(int rank, int from, boolean resuming) {
    }

    /**
     * Sets the step's lock and statement timeouts, for its transaction ({@code local}) or for the session,
     * in one round trip; with a {@code lockHeld} expression (see {@link LockCheck#condition()}) the same
     * round trip checks the migration lock.
     *
     * @throws LockLostException when the lock is gone
     */
    private void applyTimeouts(PlanStep step, boolean local, Optional<String> lockHeld) throws SQLException {
        String sql = "select set_config('lock_timeout', ?, " + local + "), set_config('statement_timeout', ?, " + local + ")"
                + lockHeld.map(c -> ", " + c).orElse("");
        Boolean held;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, DurationText.toSetting(step.lockTimeout()));
            ps.setString(2, DurationText.toSetting(step.statementTimeout()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                held = lockHeld.isEmpty() ? Boolean.TRUE : (Boolean) rs.getObject(3);
            }
        }
        if (held == null) {
            lock.verifyHeld();
        } else if (!held) {
            throw new LockLostException("the migration lock is no longer held by this runner", null);
        }
    }

    /** Runs an autocommit step's statements one by one from {@code at.from()}, or its Java methods. */
    private void runBody(PlanStep step, Autocommit at, BlockerWatch watch) throws SQLException {
        if (step.body() instanceof SqlMigrationBody sql) {
            runSql(step, sql, at, watch);
        } else {
            runJava(step, (JavaMigrationBody) step.body(), false);
        }
    }

    /** An autocommit step's statements, one by one from {@code at.from()}, each counted in its history row. */
    private void runSql(PlanStep step, SqlMigrationBody sql, Autocommit at, BlockerWatch watch) throws SQLException {
        List<SqlStatement> statements = sql.statements();
        for (int i = at.from(); i < statements.size(); i++) {
            SqlStatement statement = statements.get(i);
            listener.statementStarted(step, statement);
            long start = System.nanoTime();
            lock.verifyHeld();
            runAutocommitStatement(step, sql, statement, at, watch, i);
            statementsDone = i + 1;
            listener.statementFinished(step, statement, (System.nanoTime() - start) / 1_000_000);
        }
        runValidations(step, sql, false);
    }

    /** The script's assertions, after all its statements; the first that does not hold fails the step. */
    private void runValidations(PlanStep step, SqlMigrationBody sql, boolean transactional) throws SQLException {
        List<SqlStatement> statements = sql.statements();
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

    private void runStatement(PlanStep step, SqlStatement statement, BlockerWatch watch, boolean transactional, int index,
                              int total) throws SQLException {
        watch.arm(step.lockTimeout(), false);
        long start = System.nanoTime();
        try {
            StatementRunner.execute(connection, statement);
            watch.disarm();
        } catch (SQLException e) {
            List<Blocker> blockers = watch.disarm();
            throw failure(step, StatementFailure.of(statement, e), blockers, transactional, index, total);
        }
        observer.statementRan(connection, statement, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Runs one statement of an autocommit step and counts it in the step's history row. A statement that can
     * run in a transaction runs in one with its count, so the two commit together; one that cannot (a
     * concurrent index build, VACUUM) runs alone and is counted right after. In autocommit each statement is
     * its own transaction, so a lock timeout retries just that statement.
     */
    private void runAutocommitStatement(PlanStep step, SqlMigrationBody sql, SqlStatement statement, Autocommit at,
                                        BlockerWatch watch, int index) throws SQLException {
        int total = sql.statements().size();
        Optional<String> concurrentIndex = StatementFacts.of(statement).concurrentIndex();
        boolean mayBeDone = at.resuming() && (index == at.from() || step.resumes().orElseThrow().statementsDone().isEmpty());
        if (concurrentIndex.isPresent() && mayBeDone && InvalidIndexes.isValid(connection, concurrentIndex.get())) {
            listener.notice(step, "index " + concurrentIndex.get() + " at line " + statement.line() + " exists and is valid: "
                    + "the interrupted run built it, so that statement counts as done");
            history.recordProgress(connection, at.rank(), index + 1);
            return;
        }
        boolean[] alone = {sql.needsAutocommit(statement)};
        withRetries(step, List.of(statement), () -> {
            if (alone[0]) {
                if (concurrentIndex.isPresent() && InvalidIndexes.dropIfInvalid(connection, step, concurrentIndex.get())) {
                    listener.notice(step, "dropped invalid index " + concurrentIndex.get() + " left by an interrupted concurrent build");
                }
                runStatement(step, statement, watch, false, index, total);
                history.recordProgress(connection, at.rank(), index + 1);
                return;
            }
            connection.setAutoCommit(false);
            try {
                runStatement(step, statement, watch, false, index, total);
                history.recordProgress(connection, at.rank(), index + 1);
                connection.commit();
                observer.committed();
            } catch (MigrationFailedException e) {
                rollbackQuietly();
                if (!SqlStates.ACTIVE_SQL_TRANSACTION.equals(e.sqlState().orElse(null))) {
                    throw e;
                }
                // The statement cannot run in a transaction block although nothing said so (the script's
                // header turned transactions off for it): run it alone, as the header asked.
                alone[0] = true;
                restoreAutocommit();
                runStatement(step, statement, watch, false, index, total);
                history.recordProgress(connection, at.rank(), index + 1);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                throw e;
            } finally {
                restoreAutocommit();
            }
        });
    }

    private void runJava(PlanStep step, JavaMigrationBody java, boolean transactional) throws SQLException {
        MigrationContext context = new MigrationContext(connection, java.migration().getClass().getName());
        String phase = java.direction() == Direction.UP ? "performUp" : "performDown";
        long start = System.nanoTime();
        try {
            java.perform(context);
        } catch (Exception e) {
            throw javaFailure(step, phase, e, transactional);
        }
        observer.javaMigrationRan(connection, step.scriptName(), (System.nanoTime() - start) / 1_000_000);
        phase = java.direction() == Direction.UP ? "validateUp" : "validateDown";
        try {
            java.validate(context);
        } catch (Exception e) {
            throw javaFailure(step, phase, e, transactional);
        }
    }

    private static MigrationFailedException javaFailure(PlanStep step, String phase, Exception e, boolean transactional) {
        String message = step.scriptName() + ": " + phase + " failed: " + e.getMessage()
                + (e instanceof SQLException s && s.getSQLState() != null ? " [SQLSTATE " + s.getSQLState() + "]" : "")
                + ". " + (transactional ? "The migration was rolled back; nothing of it remains."
                : "It ran outside a transaction; check what it changed before repairing.");
        return new MigrationFailedException(message, step.scriptName(), 0,
                e instanceof SQLException s ? Optional.ofNullable(s.getSQLState()) : Optional.empty(), transactional, e);
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
        if (step.direction() == Direction.DOWN) {
            history.markRolledBack(connection, step.undoes().orElseThrow().rank());
        }
    }

    /** Stores the fingerprint after the run's last step ({@link SchemaFingerprint}: after its COMMIT). */
    private void recordFingerprint(int rank) {
        if (fingerprintThisStep) {
            SchemaFingerprint.store(connection, history, rank);
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

    /** "statement 1" or "statements 1-3". */
    private static String firstStatements(int count) {
        return count == 1 ? "statement 1" : "statements 1-" + count;
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
