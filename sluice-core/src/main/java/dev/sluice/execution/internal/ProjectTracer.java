package dev.sluice.execution.internal;

import dev.sluice.execution.PlanStep;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationFailedException;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.history.internal.HistoryTable;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.progress.Progress;
import dev.sluice.trace.internal.LockTracer;
import dev.sluice.trace.MigrationTrace;
import dev.sluice.trace.TraceFailedException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Traces a whole project on an empty scratch database: every versioned migration's up in version
 * order, then the repeatable ones, run by the same {@link PlanExecutor} as {@code migrate}, with a
 * {@link LockTracer} observing each statement. So a statement is traced in the transaction it really
 * runs in, in a transactional migration and in one that runs statement by statement alike, and tables an
 * earlier migration created count as existing for the later ones, as they will in production.
 *
 * <p>An online change or a rewrite runs through its own runner ({@link Untraced}), untraced, and the
 * migrations after it are traced on the schema it leaves.
 *
 * <p>The scratch database gets the project's history table, as a migrated database would. No migration
 * lock is taken and no blocker is watched: nobody else uses a scratch database.
 *
 * <p>Hazard: it commits every migration on {@code scratch}; never point it at a database that matters.
 */
public final class ProjectTracer {

    private ProjectTracer() {
    }

    /** Runs, untraced, a migration that the plan executor cannot: an online change or a rewrite. */
    @FunctionalInterface
    public interface Untraced {
        void run(Migration migration) throws SQLException;
    }

    /** What a trace ran: the traces in order, and the migrations it ran without one. */
    public record Traced(List<MigrationTrace> traces, List<Migration> untraced) {
    }

    /**
     * @param scratch  a connection to an empty database that may be changed at will
     * @param history  the project's history table, created on {@code scratch}
     * @param settings the project's timeouts; fingerprints are not recorded
     * @param outside  runs an online change or a rewrite to its end on the same database, recording it in the
     *                 history; the migrations after it are traced on the schema it leaves
     * @throws TraceFailedException when a migration fails on the scratch database
     */
    public static Traced trace(MigrationCatalog catalog, Connection scratch, HistoryTable history, ExecutionSettings settings,
                               Progress progress, Untraced outside) throws SQLException {
        scratch.setAutoCommit(true);
        history.create(scratch);
        ExecutionSettings run = settings.withFingerprints(false);
        MigrationPlanner planner = new MigrationPlanner(run);
        MigrationPlan plan = planner.migrate(ProjectStatus.of(catalog, List.of()), Optional.empty(), true);
        Reporting reporting = new Reporting(progress, plan.steps().size());
        LockTracer tracer = new LockTracer();
        List<Migration> untraced = new ArrayList<>();
        while (true) {
            int at = 0;
            while (at < plan.steps().size() && plan.steps().get(at).migration().type().runsInExecutor()) {
                at++;
            }
            try {
                new PlanExecutor(scratch, null, history, "sluice trace", run, reporting, LockCheck.NONE, tracer)
                        .execute(new MigrationPlan(plan.steps().subList(0, at)));
            } catch (MigrationFailedException e) {
                throw failed(e);
            }
            if (at == plan.steps().size()) {
                return new Traced(tracer.traces(), untraced);
            }
            PlanStep step = plan.steps().get(at);
            Migration m = step.migration();
            if (untraced.contains(m)) {
                throw new TraceFailedException(m.script() + ": still pending on the scratch database after it ran", null);
            }
            reporting.stepStarted(step);
            long started = System.nanoTime();
            try {
                outside.run(m);
            } catch (SQLException | RuntimeException e) {
                throw new TraceFailedException(m.script() + ": failed on the scratch database: "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
            }
            reporting.stepFinished(step, (System.nanoTime() - started) / 1_000_000);
            untraced.add(m);
            plan = planner.migrate(ProjectStatus.of(catalog, history.all(scratch)), Optional.empty(), true);
        }
    }

    /** The server's own words, without the advice to fix and migrate again that fits a real target. */
    private static TraceFailedException failed(MigrationFailedException e) {
        Throwable cause = e.getCause();
        while (cause instanceof MigrationFailedException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String what = cause instanceof SQLException sql ? sql.getMessage()
                + (sql.getSQLState() == null ? "" : " [SQLSTATE " + sql.getSQLState() + "]")
                : e.getMessage().lines().findFirst().orElse("");
        return new TraceFailedException(e.script() + (e.line() > 0 ? ":" + e.line() : "") + ": failed on the scratch database: "
                + what, e);
    }

    /** The executor's step events as progress of countable migrations. */
    private static final class Reporting implements MigrationListener {
        private final Progress progress;
        private final int total;
        private int done;

        Reporting(Progress progress, int total) {
            this.progress = progress;
            this.total = total;
        }

        @Override
        public void stepStarted(PlanStep step) {
            progress.started(step.migration().label(), done, total);
        }

        @Override
        public void stepFinished(PlanStep step, long millis) {
            done++;
            progress.finished(step.migration().label(), done, total, millis);
        }
    }
}
