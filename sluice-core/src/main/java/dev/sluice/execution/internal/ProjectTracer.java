package dev.sluice.execution.internal;

import dev.sluice.execution.PlanStep;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationFailedException;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.history.internal.HistoryTable;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.OnlineMigrationBody;
import dev.sluice.progress.Progress;
import dev.sluice.trace.internal.LockTracer;
import dev.sluice.trace.MigrationTrace;
import dev.sluice.trace.TraceFailedException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Traces a whole project on an empty scratch database: every versioned migration's up in version
 * order, then the repeatable ones, run by the same {@link PlanExecutor} as {@code migrate}, with a
 * {@link LockTracer} observing each statement. So a statement is traced in the transaction it really
 * runs in, in a transactional migration and in one that runs statement by statement alike, and tables an
 * earlier migration created count as existing for the later ones, as they will in production.
 *
 * <p>The scratch database gets the project's history table, as a migrated database would. No migration
 * lock is taken and no blocker is watched: nobody else uses a scratch database.
 *
 * <p>Hazard: it commits every migration on {@code scratch}; never point it at a database that matters.
 */
public final class ProjectTracer {

    private ProjectTracer() {
    }

    /**
     * @param scratch  a connection to an empty database that may be changed at will
     * @param history  the project's history table, created on {@code scratch}
     * @param settings the project's timeouts; fingerprints are not recorded
     * @throws TraceFailedException when a migration fails on the scratch database, or is an online or rewrite one
     */
    public static List<MigrationTrace> trace(MigrationCatalog catalog, Connection scratch, HistoryTable history,
                                             ExecutionSettings settings, Progress progress) throws SQLException {
        catalog.versioned().stream().filter(m -> m.type() == MigrationType.ONLINE).findFirst().ifPresent(m -> {
            throw new TraceFailedException(m.script() + ": an online migration, which trace cannot run yet, so nothing "
                    + "was traced; docs/online.md lists the locks its operations take", null);
        });
        catalog.versioned().stream().filter(m -> m.type() == MigrationType.REWRITE).findFirst().ifPresent(m -> {
            throw new TraceFailedException(m.script() + ": a '-- sluice:rewrite' migration, which trace cannot run yet, so"
                    + " nothing was traced; docs/rewrite.md says which locks a rewrite takes and for how long", null);
        });
        scratch.setAutoCommit(true);
        history.create(scratch);
        ExecutionSettings run = settings.withFingerprints(false);
        MigrationPlan plan = new MigrationPlanner(run).migrate(ProjectStatus.of(catalog, List.of()), Optional.empty(), true);
        LockTracer tracer = new LockTracer();
        try {
            new PlanExecutor(scratch, null, history, "sluice trace", run, new Reporting(progress, plan.steps().size()),
                    LockCheck.NONE, tracer).execute(plan);
        } catch (MigrationFailedException e) {
            throw failed(e);
        }
        return tracer.traces();
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
