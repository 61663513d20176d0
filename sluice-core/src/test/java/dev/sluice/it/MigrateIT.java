package dev.sluice.it;

import dev.sluice.MigrateResult;
import dev.sluice.Sluice;
import dev.sluice.execution.MigrationFailedException;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.MigrationStateException;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.StateProblem;
import dev.sluice.execution.VersionState;
import dev.sluice.history.AppliedMigration;
import dev.sluice.history.MigrationState;
import dev.sluice.migration.MigrationLoadException;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Versioned migrations through their whole life on real PostgreSQL: up, down, up again, and every bad input. */
@ExtendWith(PostgresExtension.class)
class MigrateIT {

    @TempDir
    Path folder;

    static final String V1 = "create table customers (id bigint primary key, email text not null);\n"
            + "-- sluice:validate\nselect count(*) = 0 from customers;\n";
    static final String U1 = "drop table customers;\n-- sluice:validate\nselect to_regclass('customers') is null;\n";
    static final String V2 = "alter table customers add column name text;\n"
            + "insert into customers (id, email, name) values (1, 'a@example.com', 'A');\n";
    static final String U2 = "delete from customers where id = 1;\nalter table customers drop column name;\n";

    private MigrationProject project(TestDatabase db) {
        return new MigrationProject(folder, db)
                .file("V1__create_customers.sql", V1).file("U1__create_customers.sql", U1)
                .file("V2__add_name.sql", V2).file("U2__add_name.sql", U2);
    }

    private static List<String> columns(TestDatabase db, String table) throws Exception {
        return db.queryForList("select column_name from information_schema.columns where table_name = '" + table
                + "' order by ordinal_position");
    }

    /**
     * The lock's check rides in one batch with a small migration's statements; once the lock's session is
     * gone, that batch must still run none of them, and the runner must say it lost the lock.
     */
    @Test
    void aRunnerThatLosesItsLockBetweenStepsRunsNothingOfTheNext(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).file("V1__a.sql", "create table a (id int primary key);\n")
                .file("V2__b.sql", "create table b (id int primary key);\ninsert into b values (1);\n").sluice();
        MigrationListener killLockAfterV1 = new MigrationListener() {
            @Override
            public void stepFinished(dev.sluice.execution.PlanStep step, long millis) {
                if (step.scriptName().equals("V1__a.sql")) {
                    try {
                        db.execute("select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory'"
                                + " and database = (select oid from pg_database where datname = current_database())");
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        Exception e = assertThrows(Exception.class, () -> sluice.migrate(Optional.empty(), killLockAfterV1));
        assertTrue(e instanceof dev.sluice.db.LockLostException, "the runner says it lost its lock: " + e);
        assertFalse(db.queryForBoolean("select to_regclass('b') is not null"), "nothing of V2 ran");
        assertEquals(List.of("1"), db.queryForList("select version from sluice_history where state = 'APPLIED' order by installed_rank"));
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(1L, db.queryForLong("select count(*) from b"), "a new run applies V2 once");
    }

    @Test
    void appliesAllThenRollsBackOneAndAllThenReapplies(TestDatabase db) throws Exception {
        Sluice sluice = project(db).sluice();
        MigrateResult up = sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(2, up.steps().size());
        assertEquals(Version.parse("2"), up.after().orElseThrow());
        assertEquals(List.of("id", "email", "name"), columns(db, "customers"));
        assertEquals(1L, db.queryForLong("select count(*) from customers"));

        MigrateResult again = sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertTrue(again.steps().isEmpty(), "nothing left to do");

        MigrateResult one = sluice.rollback(1, Optional.empty(), MigrationListener.NONE);
        assertEquals(Version.parse("1"), one.after().orElseThrow());
        assertEquals(List.of("id", "email"), columns(db, "customers"));

        sluice.rollback(1, Optional.empty(), MigrationListener.NONE);
        assertFalse(db.queryForBoolean("select to_regclass('customers') is not null"));
        assertTrue(sluice.status().current().isEmpty());

        MigrateResult reapplied = sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(2, reapplied.steps().size());
        assertEquals(List.of("id", "email", "name"), columns(db, "customers"));

        List<AppliedMigration> history = sluice.history();
        assertEquals(List.of("SQL:ROLLED_BACK", "SQL:ROLLED_BACK", "UNDO:APPLIED", "UNDO:APPLIED", "SQL:APPLIED", "SQL:APPLIED"),
                history.stream().map(r -> r.type() + ":" + r.state()).toList());
        assertTrue(history.get(0).checksum().isPresent());
        assertTrue(history.get(0).executionMs().isPresent());
    }

    @Test
    void rollbackToAVersion(TestDatabase db) throws Exception {
        Sluice sluice = project(db).sluice();
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        MigrateResult r = sluice.rollback(0, Optional.of(Version.parse("0")), MigrationListener.NONE);
        assertEquals(2, r.steps().size());
        assertFalse(db.queryForBoolean("select to_regclass('customers') is not null"));
    }

    @Test
    void targetStopsAtAVersion(TestDatabase db) throws Exception {
        Sluice sluice = project(db).sluice();
        MigrateResult r = sluice.migrate(Optional.of(Version.parse("1")), MigrationListener.NONE);
        assertEquals(1, r.steps().size());
        assertEquals(1, sluice.status().withState(VersionState.PENDING).size());
    }

    @Test
    void syntaxErrorMidFileNamesFileAndLineAndLeavesNothing(TestDatabase db) throws Exception {
        Sluice sluice = project(db)
                .file("V3__broken.sql", "create table t1 (id int);\n\ncreate tabel t2 (id int);\ncreate table t3 (id int);\n")
                .sluice();
        MigrationFailedException e = assertThrows(MigrationFailedException.class,
                () -> sluice.migrate(Optional.empty(), MigrationListener.NONE));
        assertTrue(e.getMessage().startsWith("V3__broken.sql:3: "), e.getMessage());
        assertTrue(e.getMessage().contains("42601"), e.getMessage());
        assertTrue(e.rolledBack());
        assertEquals(3, e.line());
        assertFalse(db.queryForBoolean("select to_regclass('t1') is not null"), "the failed migration left nothing");
        assertTrue(db.queryForBoolean("select to_regclass('customers') is not null"), "earlier migrations stay applied");
        ProjectStatus status = sluice.status();
        assertEquals(Version.parse("2"), status.current().orElseThrow());
        assertEquals(1, status.withState(VersionState.FAILED).size());

        project(db).file("V3__broken.sql", "create table t1 (id int);\n").sluice().migrate(Optional.empty(), MigrationListener.NONE);
        assertTrue(db.queryForBoolean("select to_regclass('t1') is not null"), "fixed file runs on the next migrate");
    }

    /**
     * The end of a step travels as one batch with its history row written as literals: the row keeps any
     * description exactly, and its time includes what the statements took on the server.
     */
    @Test
    void aStepSentAsOneBatchRecordsItsDescriptionAndServerTime(TestDatabase db) throws Exception {
        Sluice sluice = project(db).file("V3__o'brien\\e.sql",
                "create table t3 (id int);\ndo $$ begin perform pg_sleep(0.3); end $$;\n").sluice();
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals("o'brien\\e", db.queryForString("select description from sluice_history where version = '3'"));
        long millis = db.queryForLong("select execution_ms from sluice_history where version = '3'");
        assertTrue(millis >= 300, "execution_ms " + millis + " counts the statements' 300 ms");
    }

    @Test
    void laterMigrationsDoNotRunAfterAFailure(TestDatabase db) throws Exception {
        Sluice sluice = project(db).file("V3__fails.sql", "select 1/0;\n").file("V4__later.sql", "create table later (id int);\n").sluice();
        assertThrows(MigrationFailedException.class, () -> sluice.migrate(Optional.empty(), MigrationListener.NONE));
        assertFalse(db.queryForBoolean("select to_regclass('later') is not null"));
    }

    @Test
    void failingValidationRollsBack(TestDatabase db) throws Exception {
        Sluice sluice = project(db).file("V3__check.sql", "create table t (id int);\n-- sluice:validate\nselect count(*) = 1 from t;\n").sluice();
        MigrationFailedException e = assertThrows(MigrationFailedException.class,
                () -> sluice.migrate(Optional.empty(), MigrationListener.NONE));
        assertTrue(e.getMessage().startsWith("V3__check.sql:3: validation failed"), e.getMessage());
        assertFalse(db.queryForBoolean("select to_regclass('t') is not null"));
    }

    @Test
    void editedAppliedFileIsRefusedAndRepairAcceptsIt(TestDatabase db) throws Exception {
        project(db).sluice().migrate(Optional.empty(), MigrationListener.NONE);
        Sluice edited = project(db).file("V1__create_customers.sql", V1 + "-- a comment added later\n").sluice();
        MigrationStateException e = assertThrows(MigrationStateException.class,
                () -> edited.migrate(Optional.empty(), MigrationListener.NONE));
        assertEquals(StateProblem.Kind.CHECKSUM_MISMATCH, e.problems().get(0).kind());
        assertTrue(e.getMessage().contains("V1__create_customers.sql"), e.getMessage());
        assertEquals(1, edited.repair().changes().size());
        assertTrue(edited.status().problems().isEmpty());
    }

    @Test
    void appliedFileGoneAndDatabaseAheadAreRefused(TestDatabase db) throws Exception {
        project(db).file("V3__three.sql", "create table three (id int);\n").sluice().migrate(Optional.empty(), MigrationListener.NONE);
        Sluice behind = project(db).delete("V3__three.sql").sluice();
        MigrationStateException ahead = assertThrows(MigrationStateException.class,
                () -> behind.migrate(Optional.empty(), MigrationListener.NONE));
        assertEquals(StateProblem.Kind.DATABASE_AHEAD, ahead.problems().get(0).kind());

        Sluice gone = project(db).file("V3__three.sql", "create table three (id int);\n").delete("V2__add_name.sql").delete("U2__add_name.sql").sluice();
        MigrationStateException missing = assertThrows(MigrationStateException.class,
                () -> gone.migrate(Optional.empty(), MigrationListener.NONE));
        assertEquals(StateProblem.Kind.MISSING_LOCALLY, missing.problems().get(0).kind());
    }

    @Test
    void duplicateVersionOrphanDownChangeNothing(TestDatabase db) throws Exception {
        Sluice dup = project(db).file("V1_0__again.sql", "create table x (id int);").file("U9__orphan.sql", "select 1;").sluice();
        MigrationLoadException e = assertThrows(MigrationLoadException.class, () -> dup.migrate(Optional.empty(), MigrationListener.NONE));
        assertEquals(2, e.problems().size());
        assertFalse(db.queryForBoolean("select to_regclass('sluice_history') is not null"), "nothing touched the database");
    }

    @Test
    void repeatableRunsAfterVersionedAndAgainWhenChanged(TestDatabase db) throws Exception {
        String view = "create or replace view customer_emails as select email from customers;\n";
        Sluice sluice = project(db).file("R__views.sql", view).sluice();
        MigrateResult first = sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(List.of("1", "2", "R"), first.steps().stream()
                .map(s -> s.step().migration().version().map(Version::toString).orElse("R")).toList());
        assertTrue(sluice.migrate(Optional.empty(), MigrationListener.NONE).steps().isEmpty(), "unchanged: not re-run");

        Sluice changed = project(db).file("R__views.sql", view.replace("select email", "select email, id")).sluice();
        assertEquals(1, changed.migrate(Optional.empty(), MigrationListener.NONE).steps().size());
        assertEquals(List.of("email", "id"), columns(db, "customer_emails"));
        assertEquals(2, changed.history().stream().filter(r -> r.type() == MigrationType.REPEATABLE).count());
    }

    @Test
    void baselineAdoptsADatabaseThatAlreadyHasTables(TestDatabase db) throws Exception {
        db.execute("create table customers (id bigint primary key, email text not null)");
        Sluice sluice = project(db).sluice();
        sluice.baseline(Version.parse("1"), "existing schema");
        MigrateResult r = sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(List.of("2"), r.steps().stream().map(s -> s.step().migration().requireVersion().toString()).toList());
        assertEquals(List.of("id", "email", "name"), columns(db, "customers"));
        assertThrows(IllegalStateException.class, () -> sluice.baseline(Version.parse("5"), "again"));
    }

    @Test
    void nonTransactionalMigrationRunsInAutocommitAndRecordsRunningFirst(TestDatabase db) throws Exception {
        Sluice sluice = project(db).file("V3__index.sql",
                "create index concurrently if not exists customers_email_idx on customers (email);\n"
                        + "-- sluice:validate\nselect indisvalid from pg_index where indexrelid = 'customers_email_idx'::regclass;\n").sluice();
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertTrue(db.queryForBoolean("select indisvalid from pg_index where indexrelid = 'customers_email_idx'::regclass"));
        AppliedMigration row = sluice.history().get(2);
        assertEquals(MigrationState.APPLIED, row.state());
        assertTrue(row.finishedAt().isPresent());
    }

    @Test
    void failedAutocommitMigrationSaysWhichStatementsRanAndBlocksUntilRepair(TestDatabase db) throws Exception {
        Sluice sluice = project(db).file("V3__partial.sql", "-- sluice:transaction off\n"
                + "create table p1 (id int);\ncreate table p2 (id int);\nselect 1/0;\ncreate table p3 (id int);\n").sluice();
        MigrationFailedException e = assertThrows(MigrationFailedException.class,
                () -> sluice.migrate(Optional.empty(), MigrationListener.NONE));
        assertFalse(e.rolledBack());
        assertTrue(e.getMessage().contains("Statements 1-2 of 4 had already taken effect"), e.getMessage());
        assertTrue(db.queryForBoolean("select to_regclass('p2') is not null"));
        assertFalse(db.queryForBoolean("select to_regclass('p3') is not null"));
        MigrationStateException blocked = assertThrows(MigrationStateException.class,
                () -> sluice.migrate(Optional.empty(), MigrationListener.NONE));
        assertEquals(StateProblem.Kind.PARTIALLY_APPLIED, blocked.problems().get(0).kind());
        assertEquals(1, sluice.repair().changes().size());
        assertEquals(VersionState.PENDING, sluice.status().entries().get(2).state());
    }
}
