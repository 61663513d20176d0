package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line against real PostgreSQL: every verb, exit codes, and no secret in any output. */
@ExtendWith(PostgresExtension.class)
class CliIT {

    @TempDir
    Path dir;

    private CliRun sluice(TestDatabase db, String... args) {
        return CliRun.inProject(dir, db, args);
    }

    @Test
    void initNewMigrateStatusRollback(TestDatabase db) throws Exception {
        CliRun init = sluice(db, "init");
        assertEquals(0, init.exitCode(), init.toString());
        assertTrue(Files.exists(dir.resolve("sluice.conf")));
        assertEquals(2, sluice(db, "init").exitCode(), "init refuses to overwrite");

        CliRun created = sluice(db, "new", "create", "widgets");
        assertEquals(0, created.exitCode(), created.toString());
        Path up = dir.resolve("migrations/V1__create_widgets.sql");
        assertTrue(Files.exists(up), created.toString());
        Files.writeString(up, "create table widgets (id bigint primary key);\n");
        Files.writeString(dir.resolve("migrations/U1__create_widgets.sql"), "drop table widgets;\n");
        assertTrue(sluice(db, "new", "second").out().contains("V2__second.sql"));

        CliRun untouched = sluice(db, "lint");
        assertEquals(ExitCodes.LINT_FAILED, untouched.exitCode(), untouched.toString());
        assertTrue(untouched.out().contains("V2__second.sql:1:1: error [untouched-template]"), untouched.out());
        assertTrue(untouched.out().contains("U2__second.sql:1:1: error [untouched-template]"), untouched.out());
        CliRun dry = sluice(db, "migrate", "--dry-run");
        assertEquals(ExitCodes.LINT_FAILED, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("line 1: create table widgets"), dry.out());
        assertTrue(dry.out().contains("blocks   V2__second.sql:1:1 [untouched-template]"), dry.out());
        assertFalse(db.queryForBoolean("select to_regclass('widgets') is not null"), "dry run changed nothing");
        assertEquals(ExitCodes.LINT_FAILED, sluice(db, "migrate").exitCode(), "an untouched template is not applied");
        Files.writeString(dir.resolve("migrations/V2__second.sql"), "create table seconds (id bigint primary key);\n");
        Files.writeString(dir.resolve("migrations/U2__second.sql"), "drop table seconds;\n");

        CliRun migrate = sluice(db, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.out().contains("applied 2 migrations; database now at version 2"), migrate.out());
        assertTrue(db.queryForBoolean("select to_regclass('widgets') is not null"));

        CliRun status = sluice(db, "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("current version: 2"), status.out());

        CliRun json = sluice(db, "status", "--json");
        assertTrue(json.out().contains("\"current\": \"2\""), json.out());
        assertTrue(json.out().contains("\"applied\": ["), json.out());
        assertTrue(json.out().contains("\"executionMs\""), json.out());

        assertEquals(0, sluice(db, "rollback", "--steps", "1").exitCode());
        assertEquals(1L, db.queryForLong("select count(*) from sluice_history where state = 'ROLLED_BACK'"));
        Files.delete(dir.resolve("migrations/U1__create_widgets.sql"));
        CliRun rollbackMissingDown = sluice(db, "rollback");
        assertEquals(ExitCodes.INVALID, rollbackMissingDown.exitCode(), rollbackMissingDown.toString());
        assertTrue(rollbackMissingDown.err().contains("has no down"), rollbackMissingDown.err());
    }

    @Test
    void aRolledBackMigrationIsPendingWithNoRunTime(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__a.sql"), "create table a (id int);\n");
        Files.writeString(dir.resolve("migrations/U1__a.sql"), "drop table a;\n");
        Files.writeString(dir.resolve("migrations/V2__b.sql"), "create table b (id int);\n");
        Files.writeString(dir.resolve("migrations/U2__b.sql"), "drop table b;\n");
        assertEquals(0, sluice(db, "migrate").exitCode());
        assertEquals(0, sluice(db, "rollback").exitCode());
        CliRun status = sluice(db, "status");
        String applied = status.out().lines().filter(l -> l.startsWith("1 ")).findFirst().orElseThrow();
        String pending = status.out().lines().filter(l -> l.startsWith("2 ")).findFirst().orElseThrow();
        assertTrue(applied.contains("APPLIED") && applied.matches(".*\\d{4}-\\d{2}-\\d{2} .*") && applied.contains(" ms"), status.out());
        assertTrue(pending.contains("PENDING"), status.out());
        assertFalse(pending.matches(".*\\d{4}-\\d{2}-\\d{2}.*") || pending.contains(" ms"), "a pending row shows no run: " + status.out());
    }

    @Test
    void everyVerbReportsEveryProblemOfTheMigrationFiles(TestDatabase db) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__a.sql"), "create table a (id int);\n");
        assertEquals(0, sluice(db, "migrate").exitCode());
        Files.writeString(migrations.resolve("V2__b.sql"), "create table b (id int);\n");
        Files.writeString(migrations.resolve("V2__c.sql"), "create table c (id int);\n");
        Files.writeString(migrations.resolve("V2_0__d.sql"), "create table d (id int);\n");
        Files.writeString(migrations.resolve("U7__orphan.sql"), "drop table x;\n");
        String three = "V2_0__d.sql, V2__b.sql, V2__c.sql";

        CliRun status = sluice(db, "status");
        assertEquals(ExitCodes.INVALID, status.exitCode(), status.toString());
        assertTrue(status.out().contains("VERSION") && status.out().lines().anyMatch(l -> l.startsWith("1 ") && l.contains("APPLIED")),
                "status still prints its table: " + status.out());
        assertTrue(status.out().contains(three) && status.out().contains("U7__orphan.sql: this down has no up"), status.out());
        CliRun json = sluice(db, "status", "--json");
        assertEquals(ExitCodes.INVALID, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"fileProblems\"") && json.out().contains(three), json.out());

        CliRun lint = sluice(db, "lint");
        assertEquals(ExitCodes.INVALID, lint.exitCode(), lint.toString());
        assertTrue(lint.out().contains("[invalid-migration]") && lint.out().contains(three)
                && lint.out().contains("U7__orphan.sql:1:1: error [invalid-migration]"), lint.out());

        for (String verb : new String[]{"validate", "migrate", "rollback", "repair"}) {
            CliRun r = sluice(db, verb);
            assertEquals(ExitCodes.INVALID, r.exitCode(), verb + ": " + r);
            String said = r.out() + r.err();
            assertTrue(said.contains(three) && said.contains("U7__orphan.sql"), verb + ": " + said);
        }
        assertEquals(1L, db.queryForLong("select count(*) from sluice_history"), "nothing ran");
    }

    @Test
    void failedMigrationExitsOneWithFileAndLine(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__bad.sql"), "create table ok (id int);\nselect * from nowhere;\n");
        CliRun r = sluice(db, "migrate");
        assertEquals(ExitCodes.MIGRATION_FAILED, r.exitCode(), r.toString());
        assertTrue(r.err().contains("V1__bad.sql:2:"), r.err());
        assertTrue(r.err().contains("rolled back"), r.err());
    }

    @Test
    void validateReportsEditedFile(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Path v1 = dir.resolve("migrations/V1__a.sql");
        Files.writeString(v1, "create table a (id int);\n");
        assertEquals(0, sluice(db, "migrate").exitCode());
        assertEquals(0, sluice(db, "validate").exitCode());
        Files.writeString(v1, "create table a (id bigint);\n");
        CliRun r = sluice(db, "validate");
        assertEquals(ExitCodes.INVALID, r.exitCode(), r.toString());
        assertTrue(r.out().contains("V1__a.sql") && r.out().contains("changed after it was applied"), r.out());
        assertEquals(ExitCodes.INVALID, sluice(db, "migrate").exitCode());
        assertEquals(0, sluice(db, "repair").exitCode());
        assertEquals(0, sluice(db, "validate").exitCode());
    }

    @Test
    void wrongPasswordIsNeverPrinted(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        String secret = "Sup3rSecretValue";
        CliRun r = CliRun.run(CliRun.env(), "--dir", dir.toString(), "--url",
                "jdbc:postgresql://127.0.0.1:1/nowhere?password=" + secret, "--password=" + secret, "status");
        assertEquals(ExitCodes.DATABASE_UNAVAILABLE, r.exitCode(), r.toString());
        assertFalse(r.out().contains(secret) || r.err().contains(secret), r.toString());
        assertTrue(r.err().contains("cannot connect"), r.err());
    }

    @Test
    void requireUrlRefusesTheEmbeddedDefault() {
        CliRun r = CliRun.run(CliRun.env(), "--dir", dir.toString(), "--require-url", "status");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no database URL configured"), r.err());
    }

    @Test
    void unknownConfigKeyIsNamed() throws Exception {
        Files.writeString(dir.resolve("sluice.conf"), "lock-timout = 5s\n");
        CliRun r = CliRun.run(CliRun.env(), "--dir", dir.toString(), "status");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("unknown setting lock-timout"), r.err());
    }

    @Test
    void baselineThenMigrate(TestDatabase db) throws Exception {
        db.execute("create table legacy (id int)");
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__legacy.sql"), "create table legacy (id int);\n");
        Files.writeString(dir.resolve("migrations/V2__more.sql"), "alter table legacy add column name text;\n");
        assertEquals(0, sluice(db, "baseline", "--version", "1").exitCode());
        CliRun r = sluice(db, "migrate");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("applied 1 migration;"), r.out());
    }

    @Test
    void traceReportsLocksAndARewriteOnAThrowawayDatabase() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__accounts.sql"), "create table accounts (id int primary key, n int);\n");
        Files.writeString(dir.resolve("migrations/V2__widen.sql"), "alter table accounts alter column n type bigint;\n");
        CliRun r = CliRun.run(CliRun.env(), "--dir", dir.toString(), "--require-url", "trace");
        assertEquals(ExitCodes.LINT_FAILED, r.exitCode(), r.toString());
        assertTrue(r.out().contains("lock    ACCESS EXCLUSIVE on table public.accounts (blocks reads and writes"), r.out());
        assertTrue(r.out().contains("V2__widen.sql:1:1: error [column-type-rewrite] rewrote table public.accounts"), r.out());
        CliRun json = CliRun.run(CliRun.env(), "--dir", dir.toString(), "--require-url", "trace", "--json");
        assertTrue(json.out().contains("\"rule\": \"column-type-rewrite\""), json.out());
    }

    @Test
    void traceShowsTheLockOfAnAlterInAnAutocommitMigration() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__users.sql"), "create table users (id int primary key);\n");
        Files.writeString(dir.resolve("migrations/V2__fax.sql"), "alter table users add column fax text;\n"
                + "create index concurrently users_fax on users (fax);\n");
        CliRun r = CliRun.run(CliRun.env(), "--dir", dir.toString(), "--require-url", "trace");
        assertEquals(0, r.exitCode(), r.toString());
        String v2 = r.out().substring(r.out().indexOf("V2__fax.sql"));
        assertTrue(v2.startsWith("V2__fax.sql  (autocommit: locks end with each statement)"), r.out());
        String alter = v2.substring(v2.indexOf("line 1 "), v2.indexOf("line 2 "));
        assertTrue(alter.contains("lock    ACCESS EXCLUSIVE on table public.users (blocks reads and writes"), r.out());
        assertTrue(v2.substring(v2.indexOf("line 2 ")).contains("created index public.users_fax"), r.out());
    }

    @Test
    void aSecondRunnerWaitsBoundedlyThenExitsSixNamingTheHolder(TestDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__a.sql"), "create table a (id int);\n");
        try (java.sql.Connection holder = db.connect(); java.sql.Statement s = holder.createStatement()) {
            s.execute("set application_name = 'other-runner'");
            // The key a Sluice runner takes for public.sluice_history: the two-int form, "Slu" then the table's CRC.
            s.execute("select pg_advisory_lock(" + 0x536c75 + ", "
                    + dev.sluice.db.internal.AdvisoryLock.keyFor("public.sluice_history") + ")");
            CliRun r = sluice(db, "migrate", "--lock-wait", "300ms");
            assertEquals(ExitCodes.LOCKED, r.exitCode(), r.toString());
            assertTrue(r.err().contains("another Sluice run holds the migration lock") && r.err().contains("'other-runner'"), r.err());
            assertFalse(db.queryForBoolean("select to_regclass('a') is not null"), "nothing ran");
        }
        assertEquals(0, sluice(db, "migrate").exitCode(), "the lock died with its session");
    }
}
