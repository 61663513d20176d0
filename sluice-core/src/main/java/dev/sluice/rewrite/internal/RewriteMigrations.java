package dev.sluice.rewrite.internal;

import dev.sluice.history.AppliedMigration;
import dev.sluice.history.MigrationState;
import dev.sluice.history.internal.HistoryRow;
import dev.sluice.history.internal.HistoryTable;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.RewriteMigrationBody;
import dev.sluice.rewrite.RewriteException;
import dev.sluice.rewrite.RewritePhase;
import dev.sluice.rewrite.RewriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@code -- sluice:rewrite} migration file through the same {@link RewriteRunner} as
 * {@code sluice rewrite}, and records it in the history like any versioned migration: the APPLIED row after
 * the swap, and for a rollback an UNDO row with the applied one marked ROLLED_BACK.
 *
 * <p>Hazard: the swap and the history row are two transactions. If the process dies between them the table
 * is swapped but the version is pending; {@link #apply} then finds the swapped rewrite with the same clauses
 * and only writes the row, instead of refusing as {@code sluice rewrite} would.
 */
public final class RewriteMigrations {

    private final Connection c;
    private final HistoryTable history;
    private final RewriteRunner runner;

    public RewriteMigrations(Connection c, HistoryTable history, RewriteRunner runner) {
        this.c = c;
        this.history = history;
        this.runner = runner;
    }

    /** Rewrites the file's table to the swap (resuming an interrupted copy) and records the version APPLIED. */
    public RewriteResult apply(Migration m, String installedBy) throws SQLException {
        RewriteMigrationBody body = body(m);
        Instant started = Instant.now();
        RewriteResult result;
        if (runner.swappedWith(body.table(), body.alter())) {
            result = new RewriteResult(body.table(), body.alter(), RewritePhase.SWAPPED, 0, 0, Duration.ZERO, Optional.empty(),
                    List.of("already swapped by an earlier run that stopped before recording " + m.label() + "; recorded now"));
        } else {
            result = runner.rewrite(body.table(), body.alter());
        }
        c.setAutoCommit(true);
        history.create(c);
        history.insert(c, new HistoryRow(m.version(), m.description(), MigrationType.REWRITE, m.script(), m.checksum(),
                installedBy, MigrationState.APPLIED, Optional.of(Duration.between(started, Instant.now()).toMillis()),
                Optional.empty()));
        return result;
    }

    /**
     * Refuses, before anything runs, a rollback of a rewrite whose old table is gone: after
     * {@code sluice rewrite --cleanup} there is nothing to swap back.
     */
    public void requireKept(Migration m) throws SQLException {
        RewriteMigrationBody body = body(m);
        Optional<RewritePhase> phase = runner.phase(body.table());
        if (phase.isEmpty() || phase.get() != RewritePhase.SWAPPED) {
            throw new RewriteException("rollback refused; nothing was run: " + m.label() + " (" + m.script() + ") rewrote "
                    + body.table() + ", and its old table is no longer kept ('sluice rewrite --cleanup' dropped it), so there is"
                    + " nothing to swap back. Undo the change with a new migration, or roll back fewer steps");
        }
    }

    /** Swaps the kept original back with the writes made since, and records the rollback. */
    public RewriteResult undo(Migration m, AppliedMigration applied, String installedBy) throws SQLException {
        requireKept(m);
        RewriteMigrationBody body = body(m);
        Instant started = Instant.now();
        RewriteResult result = runner.rollback(body.table());
        c.setAutoCommit(false);
        try {
            history.insert(c, new HistoryRow(m.version(), m.description(), MigrationType.UNDO, m.script(), Optional.empty(),
                    installedBy, MigrationState.APPLIED, Optional.of(Duration.between(started, Instant.now()).toMillis()),
                    Optional.empty()));
            history.markRolledBack(c, applied.rank());
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        return result;
    }

    /**
     * Refuses {@code sluice rewrite --rollback} of a table that an applied rewrite migration swapped: the
     * swap back would leave that version recorded as applied. {@code sluice rollback} undoes both.
     *
     * @param applied the applied {@code -- sluice:rewrite} migrations
     */
    public void refuseDirectRollback(String table, List<Migration> applied) throws SQLException {
        for (Migration m : applied) {
            RewriteMigrationBody body = body(m);
            if (runner.sameTable(body.table(), table) && runner.swappedWith(body.table(), body.alter())) {
                throw new RewriteException(table + " was rewritten by the migration " + m.label() + " (" + m.script()
                        + "); 'sluice rollback' swaps it back and records that in the history, so the version is pending again");
            }
        }
    }

    private static RewriteMigrationBody body(Migration m) {
        if (!(m.up() instanceof RewriteMigrationBody body)) {
            throw new IllegalArgumentException(m.label() + " is not a '-- sluice:rewrite' migration");
        }
        return body;
    }
}
