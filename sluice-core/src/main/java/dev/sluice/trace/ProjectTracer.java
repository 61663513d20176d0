package dev.sluice.trace;

import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.progress.Progress;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Traces a whole project on an empty scratch database: every versioned migration's up in version
 * order, then the repeatable ones, each traced as {@link LockTracer} does. Tables an earlier migration
 * created count as existing for the later ones, as they will in production.
 */
public final class ProjectTracer {

    private ProjectTracer() {
    }

    /**
     * @param scratch a connection to an empty database that may be changed at will
     * @throws TraceFailedException when a migration fails on the scratch database
     */
    public static List<MigrationTrace> trace(MigrationCatalog catalog, Connection scratch) {
        return trace(catalog, scratch, Progress.NONE);
    }

    /** {@link #trace(MigrationCatalog, Connection)}, reporting each migration to {@code progress}. */
    public static List<MigrationTrace> trace(MigrationCatalog catalog, Connection scratch, Progress progress) {
        LockTracer tracer = new LockTracer(scratch);
        List<MigrationTrace> traces = new ArrayList<>();
        List<Migration> all = new ArrayList<>(catalog.versioned());
        all.addAll(catalog.repeatable());
        for (Migration m : all) {
            long start = System.nanoTime();
            progress.started(m.label(), traces.size(), all.size());
            try {
                traces.add(tracer.trace(m.up()));
                progress.finished(m.label(), traces.size(), all.size(), (System.nanoTime() - start) / 1_000_000);
            } catch (SQLException e) {
                throw new TraceFailedException(m.script() + ": failed on the scratch database: " + e.getMessage()
                        + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]"), e);
            }
        }
        return traces;
    }
}
