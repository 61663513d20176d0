package dev.sluice.online.internal;

import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationFailedException;
import dev.sluice.history.internal.HistoryRow;
import dev.sluice.execution.internal.SchemaFingerprint;
import dev.sluice.history.internal.HistoryTable;
import dev.sluice.history.MigrationState;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.OnlineMigrationBody;
import dev.sluice.migration.Version;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineChange;
import dev.sluice.online.OnlineException;
import dev.sluice.online.OnlineListener;
import dev.sluice.online.OnlineMigrationFile;
import dev.sluice.online.OnlinePlan;
import dev.sluice.online.OnlineStep;
import dev.sluice.online.SearchPath;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs the phases of an online change on one connection that the caller holds under the migration lock:
 * start (one transaction, then the backfill), complete (validations, then one transaction that also writes
 * the history row) and rollback (one transaction). What complete and rollback run was fixed at start and
 * saved in the state table, so they never re-plan from a catalog that start has changed.
 */
public final class OnlineRunner {

    private final Connection c;
    private final HistoryTable history;
    private final String baseSchema;
    private final ExecutionSettings execution;
    private final BackfillSettings backfill;
    private final OnlineListener listener;
    private final StateTable state;

    /**
     * @param baseSchema the schema of the physical tables (and where a table named without schema is looked for)
     */
    public OnlineRunner(Connection c, HistoryTable history, String baseSchema, ExecutionSettings execution,
                        BackfillSettings backfill, OnlineListener listener) {
        this.c = c;
        this.history = history;
        this.baseSchema = baseSchema;
        this.execution = execution;
        this.backfill = backfill;
        this.listener = listener;
        this.state = new StateTable(history.schema());
    }

    /** The change in progress, with its backfill progress. */
    public Optional<OnlineChange> inProgress() throws SQLException {
        return state.inProgress(c).map(StateTable.Saved::change);
    }

    /** The newest completed change. */
    public Optional<OnlineChange> lastCompleted() throws SQLException {
        return state.lastCompleted(c).map(StateTable.Saved::change);
    }

    /** What starting {@code m} now would do; runs nothing. */
    public OnlinePlan plan(Migration m) throws SQLException {
        return planned(m).plan();
    }

    /**
     * The plan of the change in progress, as saved at its start: complete and rollback run exactly these
     * statements.
     */
    public Optional<OnlinePlan> savedPlan() throws SQLException {
        Optional<StateTable.Saved> saved = state.inProgress(c);
        if (saved.isEmpty()) {
            return Optional.empty();
        }
        StateTable.Saved s = saved.get();
        List<OnlineStep> start = s.steps().startConcurrent().isEmpty() ? List.of() : List.of(s.steps().startConcurrentStep(""));
        return Optional.of(new OnlinePlan(s.change().version(), s.change().newSchema(), s.change().oldSchema(), start,
                s.change().backfills().stream().map(b -> b.table()).toList(), s.steps().completeSteps(""),
                s.steps().rollbackSteps("")));
    }

    private OnlinePlanner.Planned planned(Migration m) throws SQLException {
        OnlineMigrationBody body = (OnlineMigrationBody) m.up();
        OnlineMigrationFile file = OnlineMigrationFile.parse(body.name(), body.text());
        String version = m.requireVersion().toString();
        try {
            return OnlinePlanner.plan(c, file, version, SearchPath.schemaName(version, m.description()), baseSchema, baseSchema);
        } catch (OnlineException e) {
            throw new OnlineException(body.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts {@code m}: the new version's schema, columns, triggers and views in one transaction, then the
     * concurrent index builds, then the backfill. When {@code m} is already in progress (a build or backfill
     * that a crash or Ctrl-C stopped), only the builds and the backfill go on.
     */
    public OnlineChange start(Migration m) throws SQLException {
        if (m.type() != MigrationType.ONLINE) {
            throw new OnlineException(m.script() + " is not an online migration");
        }
        state.create(c);
        String version = m.requireVersion().toString();
        Optional<StateTable.Saved> current = state.inProgress(c);
        if (current.isPresent() && !current.get().change().version().equals(version)) {
            throw new OnlineException("V" + current.get().change().version() + " (" + current.get().change().script()
                    + ") is in progress; complete it ('sluice complete') or roll it back ('sluice rollback') before starting V" + version);
        }
        if (current.isEmpty()) {
            OnlinePlanner.Planned planned = planned(m);
            OnlinePlan plan = planned.plan();
            OnlineStep step = plan.start().get(0);
            listener.stepStarted("start", step);
            guarded(m.script(), "its start ran in one transaction, which was rolled back: nothing of it remains", () -> ShortTransaction.run(c, "start of V" + version, execution.lockTimeout(), execution.statementTimeout(),
                    execution.retryDeadline(), listener, () -> {
                        // The bookkeeping first: it takes no lock the application needs, so the table's
                        // lock is held from the first catalog change to the COMMIT and no longer.
                        state.insert(c, version, m.description(), m.script(), m.checksum().orElse(null), plan.oldSchema(),
                                plan.viewSchema(), planned.phases());
                        for (OnlinePlanner.BackfillTarget target : planned.backfills()) {
                            state.addBackfill(c, version, target);
                        }
                        execute(step.sql());
                    }));
        }
        StateTable.Saved saved = state.inProgress(c).orElseThrow();
        buildConcurrently(saved);
        new Backfill(c, state, backfill, execution.retryDeadline(), listener).run(version);
        return state.inProgress(c).orElseThrow().change();
    }

    /**
     * The concurrent index builds of start, after its transaction; run again, harmlessly, when start resumes
     * and before complete, since a crash may have stopped them.
     */
    private void buildConcurrently(StateTable.Saved saved) throws SQLException {
        PhaseSql steps = saved.steps();
        if (steps.startConcurrent().isEmpty()) {
            return;
        }
        OnlineStep step = steps.startConcurrentStep("");
        listener.stepStarted("start", step);
        autocommit(saved, step, "the change is in progress; 'sluice start' builds what is missing, 'sluice rollback' drops it");
    }

    private void autocommit(StateTable.Saved saved, OnlineStep step, String outcome) throws SQLException {
        String what = step.description() + " of V" + saved.change().version();
        guarded(saved.change().script(), outcome, () -> AutocommitStatements.run(c, what, step.sql(), execution.lockTimeout(),
                execution.retryDeadline(), listener));
    }

    /**
     * Completes the change in progress: finishes its backfill if a crash stopped it, validates its checks,
     * then in one transaction drops the views and triggers, removes the old shape and records the migration
     * as applied. Old clients must be gone: the old shape no longer exists afterwards.
     */
    public OnlineChange complete(String installedBy) throws SQLException {
        StateTable.Saved saved = state.inProgress(c).orElseThrow(() -> new OnlineException(
                "no online change is in progress; 'sluice start' (or migrate) starts one"));
        String version = saved.change().version();
        buildConcurrently(saved);
        new Backfill(c, state, backfill, execution.retryDeadline(), listener).run(version);
        PhaseSql phases = saved.steps();
        if (!phases.completeConcurrent().isEmpty()) {
            OnlineStep step = phases.completeConcurrentStep("");
            listener.stepStarted("complete", step);
            autocommit(saved, step, "the change is still in progress; 'sluice complete' tries again, 'sluice rollback' restores"
                    + " what was dropped");
        }
        List<OnlineStep> steps = phases.validate().isEmpty() ? List.of(phases.contractStep(""))
                : List.of(phases.validateStep(""), phases.contractStep(""));
        for (int i = 0; i < steps.size(); i++) {
            OnlineStep step = steps.get(i);
            listener.stepStarted("complete", step);
            boolean last = i == steps.size() - 1;
            if (!last) {
                for (String sql : step.sql()) {
                    guarded(saved.change().script(), "the change is still in progress; 'sluice complete' tries again",
                            () -> ShortTransaction.run(c, "complete of V" + version, execution.lockTimeout(), Duration.ZERO,
                                    execution.retryDeadline(), listener, () -> execute(List.of(sql))));
                }
                continue;
            }
            int[] rank = new int[1];
            guarded(saved.change().script(), "the contract transaction was rolled back; the change is still in progress",
                    () -> ShortTransaction.run(c, "complete of V" + version, execution.lockTimeout(), execution.statementTimeout(),
                    execution.retryDeadline(), listener, () -> {
                        // The bookkeeping first, as in start: the table's lock is held from the first catalog
                        // change to the COMMIT and no longer.
                        state.completed(c, version);
                        history.create(c);
                        long ms = Duration.between(saved.change().startedAt(), Instant.now()).toMillis();
                        rank[0] = history.insert(c, new HistoryRow(Optional.of(Version.parse(version)), saved.change().description(),
                                MigrationType.ONLINE, saved.change().script(), checksum(saved), installedBy, MigrationState.APPLIED,
                                Optional.of(ms), Optional.empty()));
                        execute(step.sql());
                    }));
            if (execution.fingerprints()) {
                SchemaFingerprint.store(c, history, rank[0]);
            }
        }
        return state.lastCompleted(c).orElseThrow().change();
    }

    /** Aborts the change in progress: the schema is again exactly what it was before start. */
    public OnlineChange rollback() throws SQLException {
        StateTable.Saved saved = state.inProgress(c).orElseThrow(() -> new OnlineException("no online change is in progress"));
        if (!saved.steps().rollbackConcurrent().isEmpty()) {
            OnlineStep step = saved.steps().rollbackConcurrentStep("");
            listener.stepStarted("rollback", step);
            autocommit(saved, step, "the change is still in progress; 'sluice rollback' tries again");
        }
        OnlineStep step = saved.steps().rollbackStep("");
        listener.stepStarted("rollback", step);
        guarded(saved.change().script(), "the rollback transaction was rolled back; the change is still in progress",
                () -> ShortTransaction.run(c, "rollback of V" + saved.change().version(), execution.lockTimeout(),
                        execution.statementTimeout(), execution.retryDeadline(), listener, () -> {
                            state.delete(c, saved.change().version());
                            execute(step.sql());
                        }));
        return saved.change();
    }

    private Optional<String> checksum(StateTable.Saved saved) throws SQLException {
        try (var ps = c.prepareStatement("select checksum from " + dev.sluice.db.Identifiers.quote(history.schema()) + "."
                + dev.sluice.db.Identifiers.quote(SearchPath.STATE_TABLE) + " where version = ?")) {
            ps.setString(1, saved.change().version());
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Runs a step; a failure becomes a {@link MigrationFailedException} that says what remains. */
    private static void guarded(String script, String outcome, ShortTransaction.Work work) throws SQLException {
        try {
            work.run();
        } catch (SQLException e) {
            if (dev.sluice.db.internal.SqlStates.isSessionLost(e)) {
                throw e;
            }
            throw new MigrationFailedException(script + ": " + e.getMessage() + ". " + outcome + ".", script, 0,
                    Optional.ofNullable(e.getSQLState()), true, e);
        }
    }

    /**
     * Runs {@code sql} in one round trip: the driver sends every statement before it waits for the first
     * answer, and the server stops at an error. A transaction that holds ACCESS EXCLUSIVE on the
     * application's table holds it one round trip, not one per statement (each of which, on a busy
     * server, waits for a core). Joined on a line of their own so that a statement ending in a line
     * comment cannot swallow the separator.
     */
    private void execute(List<String> sql) throws SQLException {
        if (sql.isEmpty()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute(String.join("\n;\n", sql));
        }
    }
}
