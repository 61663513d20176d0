package dev.sluice.it;

import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.progress.Progress;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import dev.sluice.sql.LockMode;
import dev.sluice.trace.internal.LockTracer;
import dev.sluice.trace.MigrationTrace;
import dev.sluice.trace.RelationLock;
import dev.sluice.trace.StatementTrace;
import dev.sluice.trace.TraceFinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What statements really lock and rewrite, observed on real PostgreSQL while the executor that
 * {@code migrate} uses runs them.
 */
@ExtendWith(PostgresExtension.class)
class LockTracerIT {

    @TempDir
    Path folder;

    /** Traces one migration, V9__traced.sql, on {@code db}; tables the test created before count as existing. */
    private MigrationTrace trace(TestDatabase db, String sql) throws Exception {
        MigrationProject project = new MigrationProject(folder, db).file("V9__traced.sql", sql);
        MigrationTrace trace = project.sluice().trace(new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password()),
                Progress.NONE).migrations().get(0);
        // The history the trace wrote would refuse the same version twice; a test may trace two versions of V9.
        db.execute("drop table sluice_history");
        return trace;
    }

    private static RelationLock lockOn(StatementTrace t, String relation) {
        return t.locks().stream().filter(l -> l.relation().equals(relation)).findFirst()
                .orElseThrow(() -> new AssertionError("no lock on " + relation + " in " + t.locks()));
    }

    @Test
    void addColumnTakesAccessExclusiveWithoutRewrite(TestDatabase db) throws Exception {
        db.execute("create table accounts (id int primary key, name varchar(10))");
        MigrationTrace t = trace(db, "alter table accounts add column note text;");
        StatementTrace s = t.statements().get(0);
        assertEquals(LockMode.ACCESS_EXCLUSIVE, lockOn(s, "public.accounts").mode());
        assertEquals("reads and writes", lockOn(s, "public.accounts").mode().blocks());
        assertTrue(s.rewritten().isEmpty(), s.rewritten().toString());
        assertTrue(t.findings().isEmpty(), t.findings().toString());
    }

    @Test
    void typeChangeThatRewritesIsFoundButABinaryCoercibleOneIsNot(TestDatabase db) throws Exception {
        db.execute("create table accounts (id int primary key, name varchar(10))");
        MigrationTrace widen = trace(db, "alter table accounts alter column name type varchar(20);");
        assertTrue(widen.findings().isEmpty(), "varchar(10) -> varchar(20) needs no rewrite: " + widen.findings());
        MigrationTrace rewrite = trace(db, "alter table accounts alter column id type bigint;");
        assertTrue(rewrite.statements().get(0).rewritten().contains("table public.accounts"), rewrite.statements().toString());
        TraceFinding f = rewrite.findings().get(0);
        assertEquals(LockTracer.COLUMN_TYPE_REWRITE, f.rule());
        assertEquals(1, f.line());
    }

    @Test
    void rewriteHiddenBehindADomainIsSeen(TestDatabase db) throws Exception {
        db.execute("create domain money_cents as int");
        db.execute("create table orders (id int primary key, total money_cents)");
        MigrationTrace t = trace(db, "alter table orders alter column total type bigint;");
        assertEquals(List.of(LockTracer.COLUMN_TYPE_REWRITE), t.findings().stream().map(TraceFinding::rule).toList());
    }

    @Test
    void otherRewritesGetTheGenericRule(TestDatabase db) throws Exception {
        db.execute("create table events (id int primary key)");
        MigrationTrace t = trace(db, "alter table events set unlogged;");
        assertEquals(List.of(LockTracer.TABLE_REWRITE), t.findings().stream().map(TraceFinding::rule).toList());
    }

    @Test
    void plainIndexBuildBlocksWritesOnly(TestDatabase db) throws Exception {
        db.execute("create table accounts (id int primary key, balance int)");
        MigrationTrace t = trace(db, "create index accounts_balance_idx on accounts (balance);");
        RelationLock lock = lockOn(t.statements().get(0), "public.accounts");
        assertEquals(LockMode.SHARE, lock.mode());
        assertEquals("writes", lock.mode().blocks());
        assertEquals(List.of("index public.accounts_balance_idx"), t.statements().get(0).created());
    }

    @Test
    void exclusiveLockKeptWhileLaterStatementsRunIsReported(TestDatabase db) throws Exception {
        db.execute("create table accounts (id int primary key)");
        MigrationTrace t = trace(db, "alter table accounts add column a int;\nselect pg_sleep(0.05);\ncreate table other (id int);\n");
        TraceFinding f = t.findings().get(0);
        assertEquals(LockTracer.LOCK_HELD_ACROSS_STATEMENTS, f.rule());
        assertTrue(f.message().contains("2 more statements"), f.message());
        assertTrue(lockOn(t.statements().get(0), "public.accounts").heldMillis() >= 50);
    }

    @Test
    void newTablesAreNotFindings(TestDatabase db) throws Exception {
        MigrationTrace t = trace(db, "create table fresh (id int);\nalter table fresh alter column id type bigint;\n"
                + "alter table fresh add column b int;\n");
        assertTrue(t.findings().isEmpty(), t.findings().toString());
    }

    @Test
    void autocommitMigrationIsTracedStatementByStatement(TestDatabase db) throws Exception {
        db.execute("create table accounts (id int primary key, balance int)");
        MigrationTrace t = trace(db, "create index concurrently accounts_balance_idx on accounts (balance);");
        assertFalse(t.transactional());
        assertFalse(t.statements().get(0).traced());
        assertEquals(List.of("index public.accounts_balance_idx"), t.statements().get(0).created());
    }
}
