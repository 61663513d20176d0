package dev.sluice.trace;

import dev.sluice.sql.LockMode;
import dev.sluice.migration.JavaMigrationBody;
import dev.sluice.migration.MigrationBody;
import dev.sluice.migration.MigrationContext;
import dev.sluice.migration.SqlMigrationBody;
import dev.sluice.migration.StatementRunner;
import dev.sluice.sql.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a migration on a scratch database and records, after each statement, the locks its transaction
 * holds, the relations it created, dropped or rewrote, and how long it took. What the lint can only
 * predict from the text, the trace sees happen: a type change through a domain that rewrites a table,
 * an ACCESS EXCLUSIVE lock that stays while later statements run.
 *
 * <p>Hazard: it changes the database it runs on, and commits. Point it only at a scratch database.
 */
public final class LockTracer {

    /** Rule id for a rewrite of an existing table caused by a column type change; the lint's id for the same hazard. */
    public static final String COLUMN_TYPE_REWRITE = "column-type-rewrite";
    /** Rule id for any other rewrite of a table that existed before the migration. */
    public static final String TABLE_REWRITE = "table-rewrite";
    /** Rule id for an ACCESS EXCLUSIVE lock on an existing table kept while later statements ran; the lint's id. */
    public static final String LOCK_HELD_ACROSS_STATEMENTS = "statements-after-access-exclusive";

    private final Connection connection;

    public LockTracer(Connection scratch) {
        this.connection = scratch;
    }

    /** Runs {@code body} (committing it) and returns what it did. */
    public MigrationTrace trace(MigrationBody body) throws SQLException {
        Map<Long, RelationCatalog.Relation> before = RelationCatalog.read(connection);
        return body.transactional() ? traceInTransaction(body, before) : traceInAutocommit(body, before);
    }

    private MigrationTrace traceInTransaction(MigrationBody body, Map<Long, RelationCatalog.Relation> existed) throws SQLException {
        connection.setAutoCommit(false);
        List<Step> steps = new ArrayList<>();
        Map<Long, Long> firstSeen = new HashMap<>();
        Map<Long, RelationCatalog.Relation> previous = existed;
        try {
            for (Work work : work(body)) {
                long start = System.nanoTime();
                work.run();
                long end = System.nanoTime();
                Map<Long, RelationCatalog.Relation> now = RelationCatalog.read(connection);
                Map<Long, LockMode> locks = RelationCatalog.locksHeld(connection);
                Map<Long, LockMode> fresh = new LinkedHashMap<>();
                for (Map.Entry<Long, LockMode> l : locks.entrySet()) {
                    if (firstSeen.putIfAbsent(l.getKey(), end) == null) {
                        fresh.put(l.getKey(), l.getValue());
                    }
                }
                steps.add(new Step(work, (end - start) / 1_000_000, fresh, diff(previous, now, existed)));
                previous = now;
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        long commit = System.nanoTime();
        Map<Long, RelationCatalog.Relation> names = new HashMap<>(existed);
        names.putAll(previous);
        List<StatementTrace> traces = new ArrayList<>();
        List<TraceFinding> findings = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            List<RelationLock> locks = new ArrayList<>();
            for (Map.Entry<Long, LockMode> l : step.fresh.entrySet()) {
                RelationCatalog.Relation r = names.get(l.getKey());
                if (r != null) {
                    locks.add(new RelationLock(r.name(), r.kind(), l.getValue(), (commit - firstSeen.get(l.getKey())) / 1_000_000));
                }
            }
            locks.sort(java.util.Comparator.comparing(RelationLock::relation));
            traces.add(step.trace(body.name(), locks, true));
            for (String rewritten : step.changes.rewritten) {
                if (step.changes.rewrittenExisting.contains(rewritten)) {
                    findings.add(new TraceFinding(rewriteRule(step.work), "error", body.name(), step.work.line,
                            "rewrote " + rewritten + " while holding ACCESS EXCLUSIVE: reads and writes wait for the whole "
                                    + "rewrite, which grows with the table. Use a change that needs no rewrite (a "
                                    + "binary-coercible type, a new column filled in batches) or the expand/contract pattern"));
                }
            }
            int later = steps.size() - 1 - i;
            if (later > 0) {
                for (Map.Entry<Long, LockMode> l : step.fresh.entrySet()) {
                    RelationCatalog.Relation r = existed.get(l.getKey());
                    if (r != null && l.getValue() == LockMode.ACCESS_EXCLUSIVE && r.kind().endsWith("table")) {
                        findings.add(new TraceFinding(LOCK_HELD_ACROSS_STATEMENTS, "warning", body.name(), step.work.line,
                                "took ACCESS EXCLUSIVE on " + r.name() + " and kept it while " + later + " more statement"
                                        + (later == 1 ? "" : "s") + " ran (" + (commit - firstSeen.get(l.getKey())) / 1_000_000
                                        + " ms until commit): reads and writes of " + r.name() + " waited all that time. "
                                        + "Move this statement to its own migration, or last in this one"));
                    }
                }
            }
        }
        return new MigrationTrace(body.name(), true, traces, findings);
    }

    private MigrationTrace traceInAutocommit(MigrationBody body, Map<Long, RelationCatalog.Relation> existed) throws SQLException {
        connection.setAutoCommit(true);
        List<StatementTrace> traces = new ArrayList<>();
        List<TraceFinding> findings = new ArrayList<>();
        Map<Long, RelationCatalog.Relation> previous = existed;
        for (Work work : work(body)) {
            long start = System.nanoTime();
            work.run();
            long millis = (System.nanoTime() - start) / 1_000_000;
            Map<Long, RelationCatalog.Relation> now = RelationCatalog.read(connection);
            Changes changes = diff(previous, now, existed);
            traces.add(new Step(work, millis, Map.of(), changes).trace(body.name(), List.of(), false));
            for (String rewritten : changes.rewrittenExisting) {
                findings.add(new TraceFinding(rewriteRule(work), "error", body.name(), work.line, "rewrote " + rewritten
                        + "; a rewrite holds ACCESS EXCLUSIVE for as long as it takes"));
            }
            previous = now;
        }
        return new MigrationTrace(body.name(), false, traces, findings);
    }

    /** What changed between two readings; {@code existed} is the reading before the migration began. */
    /** The lint's id where the statement changes a column's type, the generic one otherwise. */
    private static String rewriteRule(Work work) {
        return work.typeChange ? COLUMN_TYPE_REWRITE : TABLE_REWRITE;
    }

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

    private List<Work> work(MigrationBody body) {
        List<Work> work = new ArrayList<>();
        if (body instanceof SqlMigrationBody sql) {
            for (SqlStatement s : sql.statements()) {
                work.add(new Work(s.line(), s.summary(80), changesColumnType(s), () -> StatementRunner.execute(connection, s)));
            }
        } else {
            JavaMigrationBody java = (JavaMigrationBody) body;
            MigrationContext context = new MigrationContext(connection, java.migration().getClass().getName());
            work.add(new Work(0, java.name(), false, () -> {
                try {
                    java.perform(context);
                } catch (SQLException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new SQLException(e.getMessage(), e);
                }
            }));
        }
        return work;
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    /** ALTER TABLE ... ALTER [COLUMN] c [SET DATA] TYPE ...: read from the statement's words, not its first line. */
    private static boolean changesColumnType(SqlStatement s) {
        String flat = " " + s.sql().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ") + " ";
        return flat.startsWith(" alter table ") && (flat.contains(" type ") && flat.contains(" alter "));
    }

    private record Work(int line, String summary, boolean typeChange, SqlAction action) {
        void run() throws SQLException {
            action.run();
        }
    }

    private static final class Changes {
        final List<String> created = new ArrayList<>();
        final List<String> dropped = new ArrayList<>();
        final List<String> rewritten = new ArrayList<>();
        /** Rewritten relations that existed before the migration began (rewriting a new table is harmless). */
        final List<String> rewrittenExisting = new ArrayList<>();
    }

    private record Step(Work work, long millis, Map<Long, LockMode> fresh, Changes changes) {
        StatementTrace trace(String script, List<RelationLock> locks, boolean traced) {
            return new StatementTrace(script, work.line, work.summary, millis, locks, changes.rewritten, changes.created,
                    changes.dropped, traced);
        }
    }
}
