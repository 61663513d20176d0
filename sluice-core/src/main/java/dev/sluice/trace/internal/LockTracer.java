package dev.sluice.trace.internal;

import dev.sluice.trace.RelationLock;
import dev.sluice.trace.StatementTrace;
import dev.sluice.trace.MigrationTrace;
import dev.sluice.trace.TraceFinding;
import dev.sluice.sql.LockMode;
import dev.sluice.sql.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Observes migrations while the executor runs them on a scratch database, and records, after each
 * statement, the locks its transaction holds, the relations it created, dropped or rewrote, and how long
 * it took. What the lint can only predict from the text, the trace sees happen: a type change through a
 * domain that rewrites a table, an ACCESS EXCLUSIVE lock that stays while later statements run.
 *
 * <p>It runs nothing itself: the executor that {@code migrate} uses calls it around each statement (see
 * {@link StatementObserver}), so a statement is traced in the transaction it really runs in. A statement
 * of a migration that runs statement by statement gets a short transaction of its own when it can have
 * one, and its locks are seen there; one that must run alone (a concurrent index build, VACUUM) holds its
 * locks only while it runs, and is traced without them ({@link StatementTrace#traced()} false).
 *
 * <p>Hazard: whatever it observes was committed on the database it ran on. Attach it only to a run on a
 * scratch database; it adds two catalog queries to every statement. Not thread-safe: one run at a time.
 */
public final class LockTracer implements StatementObserver {

    /** Rule id for a rewrite of an existing table caused by a column type change; the lint's id for the same hazard. */
    public static final String COLUMN_TYPE_REWRITE = "column-type-rewrite";
    /** Rule id for any other rewrite of a table that existed before the migration. */
    public static final String TABLE_REWRITE = "table-rewrite";
    /** Rule id for an ACCESS EXCLUSIVE lock on an existing table kept while later statements ran; the lint's id. */
    public static final String LOCK_HELD_ACROSS_STATEMENTS = "statements-after-access-exclusive";

    private final List<MigrationTrace> traces = new ArrayList<>();

    private String script;
    private boolean transactional;
    /** The relations before the migration began: a lock or rewrite matters only on one of them. */
    private Map<Long, RelationCatalog.Relation> existed = Map.of();
    /** The relations after the last statement. */
    private Map<Long, RelationCatalog.Relation> previous = Map.of();
    private final List<Step> steps = new ArrayList<>();
    /** Statements of the transaction still open, whose locks are held until it commits. */
    private final List<Step> open = new ArrayList<>();
    /** When each lock of the open transaction was first seen, by relation oid. */
    private final Map<Long, Long> firstSeen = new HashMap<>();
    private final List<TraceFinding> findings = new ArrayList<>();

    /** The traces of the migrations that completed so far, in the order they ran. */
    public List<MigrationTrace> traces() {
        return List.copyOf(traces);
    }

    @Override
    public void migrationStarted(Connection connection, String script, boolean transactional) throws SQLException {
        this.script = script;
        this.transactional = transactional;
        steps.clear();
        open.clear();
        firstSeen.clear();
        findings.clear();
        existed = RelationCatalog.read(connection);
        previous = existed;
    }

    @Override
    public void statementRan(Connection connection, SqlStatement statement, long millis) throws SQLException {
        ran(connection, new Work(statement.line(), statement.summary(80), changesColumnType(statement)), millis);
    }

    @Override
    public void javaMigrationRan(Connection connection, String name, long millis) throws SQLException {
        ran(connection, new Work(0, name, false), millis);
    }

    private void ran(Connection connection, Work work, long millis) throws SQLException {
        long end = System.nanoTime();
        Map<Long, RelationCatalog.Relation> now = RelationCatalog.read(connection);
        Step step = new Step(work, millis, diff(previous, now, existed));
        previous = now;
        steps.add(step);
        if (connection.getAutoCommit()) {
            // Ran alone: its locks ended with it, so only what it changed is known.
            step.traced = false;
            rewriteFindings(step);
            return;
        }
        for (Map.Entry<Long, LockMode> l : RelationCatalog.locksHeld(connection).entrySet()) {
            if (firstSeen.putIfAbsent(l.getKey(), end) == null) {
                step.fresh.put(l.getKey(), l.getValue());
            }
        }
        open.add(step);
    }

    @Override
    public void committed() {
        long commit = System.nanoTime();
        Map<Long, RelationCatalog.Relation> names = new HashMap<>(existed);
        names.putAll(previous);
        for (int i = 0; i < open.size(); i++) {
            Step step = open.get(i);
            for (Map.Entry<Long, LockMode> l : step.fresh.entrySet()) {
                RelationCatalog.Relation r = names.get(l.getKey());
                if (r != null) {
                    step.locks.add(new RelationLock(r.name(), r.kind(), l.getValue(), (commit - firstSeen.get(l.getKey())) / 1_000_000));
                }
            }
            step.locks.sort(Comparator.comparing(RelationLock::relation));
            rewriteFindings(step);
            int later = open.size() - 1 - i;
            if (later > 0) {
                for (Map.Entry<Long, LockMode> l : step.fresh.entrySet()) {
                    RelationCatalog.Relation r = existed.get(l.getKey());
                    if (r != null && l.getValue() == LockMode.ACCESS_EXCLUSIVE && r.kind().endsWith("table")) {
                        findings.add(new TraceFinding(LOCK_HELD_ACROSS_STATEMENTS, "warning", script, step.work.line,
                                "took ACCESS EXCLUSIVE on " + r.name() + " and kept it while " + later + " more statement"
                                        + (later == 1 ? "" : "s") + " ran (" + (commit - firstSeen.get(l.getKey())) / 1_000_000
                                        + " ms until commit): reads and writes of " + r.name() + " waited all that time. "
                                        + "Move this statement to its own migration, or last in this one"));
                    }
                }
            }
        }
        open.clear();
        firstSeen.clear();
    }

    @Override
    public void migrationFinished() {
        if (!open.isEmpty()) {
            throw new IllegalStateException(script + ": finished with statements whose transaction never committed");
        }
        List<StatementTrace> statements = new ArrayList<>();
        for (Step step : steps) {
            statements.add(new StatementTrace(script, step.work.line, step.work.summary, step.millis, step.locks,
                    step.changes.rewritten, step.changes.created, step.changes.dropped, step.traced));
        }
        traces.add(new MigrationTrace(script, transactional, statements, findings));
    }

    /** A finding for each table that existed before the migration and that {@code step} rewrote. */
    private void rewriteFindings(Step step) {
        for (String rewritten : step.changes.rewritten) {
            if (!step.changes.rewrittenExisting.contains(rewritten)) {
                continue;
            }
            String rule = step.work.typeChange ? COLUMN_TYPE_REWRITE : TABLE_REWRITE;
            findings.add(new TraceFinding(rule, "error", script, step.work.line, transactional
                    ? "rewrote " + rewritten + " while holding ACCESS EXCLUSIVE: reads and writes wait for the whole "
                    + "rewrite, which grows with the table. Use a change that needs no rewrite (a "
                    + "binary-coercible type, a new column filled in batches) or the expand/contract pattern"
                    : "rewrote " + rewritten + "; a rewrite holds ACCESS EXCLUSIVE for as long as it takes"));
        }
    }

    /** What changed between two readings; {@code existed} is the reading before the migration began. */
    private static Changes diff(Map<Long, RelationCatalog.Relation> before, Map<Long, RelationCatalog.Relation> after,
                                Map<Long, RelationCatalog.Relation> existed) {
        Changes c = new Changes();
        for (RelationCatalog.Relation r : after.values()) {
            RelationCatalog.Relation old = before.get(r.oid());
            if (old == null) {
                c.created.add(r.kind() + " " + r.name());
            } else if (old.fileNode() != r.fileNode() && r.fileNode() != 0) {
                c.rewritten.add(r.kind() + " " + r.name());
                if (existed.containsKey(r.oid()) && (r.kind().equals("table") || r.kind().equals("materialized view"))) {
                    c.rewrittenExisting.add(r.kind() + " " + r.name());
                }
            }
        }
        for (RelationCatalog.Relation r : before.values()) {
            if (!after.containsKey(r.oid())) {
                c.dropped.add(r.kind() + " " + r.name());
            }
        }
        c.created.sort(null);
        c.dropped.sort(null);
        c.rewritten.sort(null);
        return c;
    }

    /** ALTER TABLE ... ALTER [COLUMN] c [SET DATA] TYPE ...: read from the statement's words, not its first line. */
    private static boolean changesColumnType(SqlStatement s) {
        String flat = " " + s.sql().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ") + " ";
        return flat.startsWith(" alter table ") && (flat.contains(" type ") && flat.contains(" alter "));
    }

    /** A statement, or a Java migration observed as a whole (line 0). */
    private record Work(int line, String summary, boolean typeChange) {
    }

    private static final class Changes {
        final List<String> created = new ArrayList<>();
        final List<String> dropped = new ArrayList<>();
        final List<String> rewritten = new ArrayList<>();
        /** Rewritten relations that existed before the migration began (rewriting a new table is harmless). */
        final List<String> rewrittenExisting = new ArrayList<>();
    }

    private static final class Step {
        final Work work;
        final long millis;
        final Changes changes;
        /** Locks first seen after this statement, strongest per relation, by oid. */
        final Map<Long, LockMode> fresh = new LinkedHashMap<>();
        final List<RelationLock> locks = new ArrayList<>();
        boolean traced = true;

        Step(Work work, long millis, Changes changes) {
            this.work = work;
            this.millis = millis;
            this.changes = changes;
        }
    }
}
