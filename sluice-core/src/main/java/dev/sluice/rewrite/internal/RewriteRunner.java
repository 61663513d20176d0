package dev.sluice.rewrite.internal;

import dev.sluice.online.BackfillSettings;
import dev.sluice.rewrite.RewriteException;
import dev.sluice.rewrite.RewriteListener;
import dev.sluice.rewrite.RewritePhase;
import dev.sluice.rewrite.RewriteResult;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a rewrite's phases against one connection, under the caller's migration lock: start (shadow, log
 * and capture trigger in one short transaction), copy with replay, catch-up, swap, validation; and abort,
 * rollback and cleanup, each of which finishes in one transaction or leaves everything as it was.
 */
public final class RewriteRunner {

    /** A catch-up pass that takes fewer entries than this means the log is small enough to drain under the swap's lock. */
    static final int SMALL_LOG = 1000;

    private final Connection c;
    private final String sluiceSchema;
    private final BackfillSettings copy;
    private final RewriteListener listener;
    private final RewriteState state;
    private final Steps steps;

    /**
     * @param copy batch size, pause and lock timeout of the copy; the lock timeout also bounds every other lock-taking step
     */
    public RewriteRunner(Connection c, String sluiceSchema, BackfillSettings copy, Duration retryDeadline, RewriteListener listener) {
        this.c = c;
        this.sluiceSchema = sluiceSchema;
        this.copy = copy;
        this.listener = listener;
        this.state = new RewriteState(sluiceSchema);
        this.steps = new Steps(c, copy.lockTimeout(), retryDeadline, listener);
    }

    /**
     * What {@link #rewrite} would do, checked against the catalog (the table, its key, the clauses, the
     * partitions) without changing anything.
     */
    public List<String> plan(String table, String alter) throws SQLException {
        String[] qn = qualify(table);
        AlterSpec spec = AlterSpec.parse(alter);
        TableCatalog.Table t = TableCatalog.table(c, qn[0], qn[1]);
        TableCatalog.requireRewritable(c, t);
        Names names = new Names(t.schema(), t.name());
        List<String> lines = new ArrayList<>();
        Optional<RewriteState.Row> existing = state.exists(c) ? state.find(c, qn[0], qn[1]) : Optional.empty();
        existing.ifPresent(r -> lines.add("a rewrite of " + names.label() + " is in progress (" + r.phase() + ", " + r.rowsCopied()
                + " rows copied); running again resumes it"));
        lines.add("1. one short transaction (lock_timeout " + copy.lockTimeout().toMillis() + " ms, retried): create " + names.shadow()
                + " like " + names.label() + " with its indexes, constraints, defaults, identity, storage options, grants,"
                + " comments and policies" + spec.alterBody().map(b -> ", then ALTER TABLE " + b).orElse("")
                + "; the log " + names.forwardLog() + " and the capture trigger on " + names.label());
        if (spec.partitioning().isPresent()) {
            List<Partitions.Partition> parts = Partitions.plan(c, t, spec.partitioning().get(), names.q(t.name()));
            lines.add("   partitioned by range (" + spec.partitioning().get().column() + "): "
                    + parts.stream().map(p -> p.from() == null ? p.name() + " (default)" : p.name() + " [" + p.from() + ", " + p.to() + ")")
                    .toList());
        }
        lines.add("2. copy about " + TableCatalog.estimatedRows(c, t, names.q(t.name())) + " rows in key order (" + t.keyColumns() + "), "
                + copy.batchSize() + " per batch" + (copy.pause().isZero() ? "" : ", pausing " + copy.pause().toMillis() + " ms")
                + ", replaying the log between batches");
        lines.add("3. replay the log until it is small; analyze the copy");
        lines.add("4. swap under ACCESS EXCLUSIVE (lock_timeout, retried): drain the log, compare row counts and a key checksum,"
                + " rename, move triggers, foreign keys (NOT VALID, validated after), views and sequences");
        lines.add("5. keep the old table as " + names.retired() + " until --cleanup; --rollback swaps it back");
        return lines;
    }

    /** Starts, or resumes, the rewrite of {@code table} and runs it to the swap. */
    public RewriteResult rewrite(String table, String alter) throws SQLException {
        String[] qn = qualify(table);
        state.create(c, sluiceSchema);
        Optional<RewriteState.Row> existing = state.find(c, qn[0], qn[1]);
        RewriteState.Row row;
        if (existing.isPresent()) {
            row = existing.get();
            if (row.phase() == RewritePhase.SWAPPED) {
                throw new RewriteException(label(qn) + " was already swapped (" + row.alter() + "); finish with --cleanup,"
                        + " or undo with --rollback");
            }
            if (!normalize(row.alter()).equals(normalize(alter))) {
                throw new RewriteException("a rewrite of " + label(qn) + " with other clauses is in progress (" + row.alter()
                        + "); resume it with the same --alter, or stop it with --abort");
            }
            listener.step("resuming the copy of " + label(qn) + " after " + row.rowsCopied() + " rows");
        } else {
            row = start(qn, alter);
        }
        double[] copied = new Copier(c, state, copy, steps).run(row);
        catchUp(row, true);
        Names names = row.names();
        listener.step("analyzing " + names.shadow());
        Sql.exec(c, "analyze " + names.q(names.shadow()));
        listener.step("swapping " + label(qn));
        row = state.find(c, qn[0], qn[1]).orElseThrow();
        Swap swap = new Swap(c, state, steps);
        List<Swap.Pending> pending = swap.run(row, true);
        long hold = swap.lastHoldMillis;
        List<String> notes = new ArrayList<>(swap.validate(pending));
        return new RewriteResult(label(qn), row.alter(), RewritePhase.SWAPPED, (long) copied[0], copied[1], Duration.ofMillis(hold),
                Optional.of(qn[0] + "." + names.retired()), notes);
    }

    private RewriteState.Row start(String[] qn, String alter) throws SQLException {
        AlterSpec spec = AlterSpec.parse(alter);
        TableCatalog.Table table = TableCatalog.table(c, qn[0], qn[1]);
        TableCatalog.requireRewritable(c, table);
        Names names = new Names(table.schema(), table.name());
        for (String key : table.keyColumns()) {
            if (spec.droppedColumns().contains(key)) {
                throw new RewriteException("--alter drops key column " + key + " of " + names.label()
                        + "; the copy and the log name rows by the primary key, so a rewrite keeps its columns");
            }
        }
        String original = names.q(table.name());
        List<Partitions.Partition> partitions = spec.partitioning().isPresent()
                ? Partitions.plan(c, table, spec.partitioning().get(), original) : List.of();
        long estimate = TableCatalog.estimatedRows(c, table, original);
        listener.step("creating " + names.shadow() + " with the new shape, the change log and the capture trigger on " + names.label());
        Capture capture = new Capture(names, table.keyColumns(), table.keyTypes());
        RewriteState.Row[] row = new RewriteState.Row[1];
        steps.transaction("start of the rewrite of " + names.label(), () -> {
            row[0] = new ShadowBuilder(c, table, names, spec).build(alter, partitions, estimate);
            for (String s : capture.createLog(names.forwardLog())) {
                Sql.exec(c, s);
            }
            // Last, so the lock CREATE TRIGGER takes on the table is held for as short a time as possible.
            for (String s : capture.install(table.name(), names.forwardLog())) {
                Sql.exec(c, s);
            }
            // Read under that lock, after every earlier writer finished: any row above it is written later, so logged.
            KeySql key = new KeySql(table.keyColumns(), table.keyTypes());
            Optional<List<String>> bound = Sql.query(c, "select " + key.asTextArray() + " from " + original + " order by "
                    + key.descending() + " limit 1", rs -> List.of(Sql.strings(rs, 1))).stream().findFirst();
            row[0] = row[0].withBound(bound);
            state.insert(c, row[0]);
        });
        return row[0];
    }

    /** Replays the log in short transactions until a pass takes only a few entries. */
    private void catchUp(RewriteState.Row row, boolean forward) throws SQLException {
        Names names = row.names();
        KeySql key = new KeySql(row.keyColumns(), row.keyTypes());
        Replayer replay = forward
                ? new Replayer(names.q(row.table()), names.q(names.shadow()), names.q(names.forwardLog()), key, row.copyColumns(), row.copyExprs())
                : new Replayer(names.q(row.table()), names.q(names.retired()), names.q(names.reverseLog()), key, row.backColumns(),
                row.backColumns().stream().map(dev.sluice.db.Identifiers::quote).toList());
        int limit = Math.max(copy.batchSize(), SMALL_LOG);
        while (true) {
            long[] taken = new long[1];
            steps.transaction("replay of " + names.label(), () -> taken[0] = replay.batch(c, limit, Optional.empty()));
            if (taken[0] > 0) {
                listener.replayed(taken[0]);
            }
            if (taken[0] < SMALL_LOG) {
                return;
            }
        }
    }

    /** Drops shadow, log and triggers of a rewrite not yet swapped; the original is as it was. */
    public RewriteResult abort(String table) throws SQLException {
        String[] qn = qualify(table);
        RewriteState.Row row = inProgress(qn);
        if (row.phase() == RewritePhase.SWAPPED) {
            throw new RewriteException(label(qn) + " was already swapped; --rollback swaps the original back, --cleanup keeps the new table");
        }
        Names names = row.names();
        listener.step("dropping " + names.shadow() + ", its log and the capture trigger on " + names.label());
        Capture capture = new Capture(names, row.keyColumns(), row.keyTypes());
        steps.transaction("abort of the rewrite of " + names.label(), () -> {
            for (String s : capture.uninstall(row.table())) {
                Sql.exec(c, s);
            }
            Sql.exec(c, "drop table if exists " + names.q(names.shadow()));
            dropLogs(names, capture);
            state.delete(c, row);
        });
        return new RewriteResult(label(qn), row.alter(), RewritePhase.ABORTED, 0, 0, Duration.ZERO, Optional.empty(), List.of());
    }

    /** Before the swap, an abort; after it, swaps the kept original back with the writes made since, and drops the new table. */
    public RewriteResult rollback(String table) throws SQLException {
        String[] qn = qualify(table);
        RewriteState.Row row = inProgress(qn);
        if (row.phase() == RewritePhase.COPYING) {
            RewriteResult aborted = abort(table);
            return new RewriteResult(aborted.table(), aborted.alter(), RewritePhase.ROLLED_BACK, 0, 0, Duration.ZERO, Optional.empty(),
                    List.of("the rewrite had not swapped yet: aborted"));
        }
        Names names = row.names();
        listener.step("replaying the writes made since the swap into " + names.retired());
        catchUp(row, false);
        listener.step("swapping " + names.label() + " back");
        Swap swap = new Swap(c, state, steps);
        List<Swap.Pending> pending = swap.run(row, false);
        long hold = swap.lastHoldMillis;
        Capture capture = new Capture(names, row.keyColumns(), row.keyTypes());
        listener.step("dropping the new table, now " + names.shadow());
        steps.transaction("drop of the new table of " + names.label(), () -> {
            Sql.exec(c, "drop table if exists " + names.q(names.shadow()));
            dropLogs(names, capture);
            state.delete(c, row);
        });
        List<String> notes = new ArrayList<>(swap.validate(pending));
        return new RewriteResult(label(qn), row.alter(), RewritePhase.ROLLED_BACK, 0, 0, Duration.ofMillis(hold), Optional.empty(), notes);
    }

    /** Drops the kept original, the logs and the triggers of a swapped rewrite. */
    public RewriteResult cleanup(String table) throws SQLException {
        String[] qn = qualify(table);
        RewriteState.Row row = inProgress(qn);
        if (row.phase() != RewritePhase.SWAPPED) {
            throw new RewriteException("the rewrite of " + label(qn) + " has not swapped yet; run it to the swap"
                    + " (sluice rewrite --table " + table + " --alter \"" + row.alter() + "\") or stop it with --abort");
        }
        Names names = row.names();
        Capture capture = new Capture(names, row.keyColumns(), row.keyTypes());
        listener.step("dropping " + names.retired() + ", the logs and the capture trigger on " + names.label());
        steps.transaction("cleanup of the rewrite of " + names.label(), () -> {
            for (String s : capture.uninstall(row.table())) {
                Sql.exec(c, s);
            }
            Sql.exec(c, "drop table if exists " + names.q(names.retired()));
            dropLogs(names, capture);
            state.delete(c, row);
        });
        return new RewriteResult(label(qn), row.alter(), RewritePhase.CLEANED_UP, 0, 0, Duration.ZERO, Optional.empty(), List.of());
    }

    /**
     * The phase of the rewrite of {@code table} in progress; empty when there is none (never started, or
     * aborted, rolled back or cleaned up).
     */
    public Optional<RewritePhase> phase(String table) throws SQLException {
        if (!state.exists(c)) {
            return Optional.empty();
        }
        String[] qn = qualify(table);
        return state.find(c, qn[0], qn[1]).map(RewriteState.Row::phase);
    }

    /** Whether two names, each with or without schema, name the same table. */
    public boolean sameTable(String a, String b) throws SQLException {
        return label(qualify(a)).equals(label(qualify(b)));
    }

    /** Whether {@code table} was swapped by a rewrite with these clauses that is not yet cleaned up or rolled back. */
    public boolean swappedWith(String table, String alter) throws SQLException {
        if (!state.exists(c)) {
            return false;
        }
        String[] qn = qualify(table);
        return state.find(c, qn[0], qn[1])
                .filter(r -> r.phase() == RewritePhase.SWAPPED && normalize(r.alter()).equals(normalize(alter))).isPresent();
    }

    /** Every rewrite not yet cleaned up, aborted or rolled back. */
    public List<RewriteResult> inProgress() throws SQLException {
        List<RewriteResult> out = new ArrayList<>();
        for (RewriteState.Row r : state.all(c)) {
            out.add(new RewriteResult(r.schema() + "." + r.table(), r.alter(), r.phase(), r.rowsCopied(), 0, Duration.ZERO,
                    r.phase() == RewritePhase.SWAPPED ? Optional.of(r.schema() + "." + r.names().retired()) : Optional.empty(), List.of()));
        }
        return out;
    }

    private void dropLogs(Names names, Capture capture) throws SQLException {
        for (String s : capture.dropLog(names.forwardLog())) {
            Sql.exec(c, s);
        }
        for (String s : capture.dropLog(names.reverseLog())) {
            Sql.exec(c, s);
        }
        Sql.exec(c, capture.dropGuardFunction());
    }

    private RewriteState.Row inProgress(String[] qn) throws SQLException {
        return state.find(c, qn[0], qn[1]).orElseThrow(() -> new RewriteException("no rewrite of " + label(qn) + " is in progress"));
    }

    /** {@code app.t} or {@code t} (in the connection's current schema), as the catalog spells them. */
    private String[] qualify(String table) throws SQLException {
        int dot = table.indexOf('.');
        if (dot > 0) {
            return new String[] {AlterSpec.identifier(table.substring(0, dot)), AlterSpec.identifier(table.substring(dot + 1))};
        }
        String schema = Sql.query(c, "select current_schema()", rs -> rs.getString(1)).get(0);
        return new String[] {schema, AlterSpec.identifier(table)};
    }

    private static String label(String[] qn) {
        return qn[0] + "." + qn[1];
    }

    private static String normalize(String alter) {
        return alter == null ? "" : alter.trim().replaceAll("\\s+", " ").replaceAll(";$", "");
    }
}
