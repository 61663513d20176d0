package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrate refuses to start on a lint error (exit code 5) unless --no-lint or a suppression says otherwise. */
@ExtendWith(PostgresExtension.class)
class CliLintIT {

    @TempDir
    Path dir;

    private CliRun sluice(TestDatabase db, String... args) {
        return CliRun.inProject(dir, db, args);
    }

    @Test
    void migrateStopsOnALintErrorBeforeAnyStatement(TestDatabase db) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create.sql"), "create table t (id bigint primary key, a text);\n");
        assertEquals(ExitCodes.OK, sluice(db, "migrate").exitCode());
        Files.writeString(migrations.resolve("V2__add.sql"), "alter table t add column b text not null;\n");

        CliRun refused = sluice(db, "migrate");
        assertEquals(ExitCodes.LINT_FAILED, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("V2__add.sql:1:15: error [add-not-null-column-without-default]"), refused.err());
        assertTrue(refused.err().contains("nothing ran"), refused.err());
        assertEquals(1L, db.queryForLong("select count(*) from sluice_history"));

        Files.writeString(dir.resolve("sluice.conf"), "lint.severity.add-not-null-column-without-default = warning\n");
        CliRun allowed = sluice(db, "migrate");
        assertEquals(ExitCodes.OK, allowed.exitCode(), allowed.toString());
    }

    @Test
    void noLintSkipsTheGate(TestDatabase db) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create.sql"), "create table t (id bigint primary key, a text);\n");
        assertEquals(ExitCodes.OK, sluice(db, "migrate").exitCode());
        Files.writeString(migrations.resolve("V2__index.sql"), "create index t_a on t (a);\n");
        // A threshold of 0 judges every existing table as large.
        Files.writeString(dir.resolve("sluice.conf"), "lint.gate.small-table = 0\n");
        assertEquals(ExitCodes.LINT_FAILED, sluice(db, "migrate").exitCode());
        CliRun r = sluice(db, "migrate", "--no-lint");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(db.queryForBoolean("select to_regclass('t_a') is not null"));
    }

    /** A Flyway-style project: tables first, their indexes, checks and stored generated columns a few migrations later. */
    static final Path BOOKSHOP = Path.of("src", "test", "resources", "projects", "bookshop", "migrations");

    private Path copyBookshop() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        try (var files = Files.list(BOOKSHOP)) {
            for (Path p : files.toList()) {
                Files.copy(p, migrations.resolve(p.getFileName()));
            }
        }
        return migrations;
    }

    @Test
    void aRealisticProjectMigratesAFreshDatabase(TestDatabase db) throws Exception {
        copyBookshop();
        assertEquals(ExitCodes.LINT_FAILED, sluice(db, "lint").exitCode(), "the files alone are judged without the database");
        CliRun dry = sluice(db, "migrate", "--dry-run");
        assertEquals(ExitCodes.OK, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("passes   V6__index_books_and_orders.sql:1:1 [create-index-non-concurrently] "
                + "its table is created by an earlier migration of this run"), dry.out());
        assertTrue(dry.out().contains("lint gate: nothing blocks"), dry.out());
        CliRun migrate = sluice(db, "migrate");
        assertEquals(ExitCodes.OK, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.out().contains("applied 13 migrations"), migrate.out());
    }

    @Test
    void aRealisticProjectOnALargeTableOrWithADropColumnStillBlocks(TestDatabase db) throws Exception {
        Path migrations = copyBookshop();
        assertEquals(ExitCodes.OK, sluice(db, "migrate", "--target", "5").exitCode());
        db.execute("insert into authors (first_name, last_name) select 'first ' || g, 'last ' || g from generate_series(1, 5000) g");
        Files.writeString(dir.resolve("sluice.conf"), "lint.gate.small-table = 64kB\n");
        CliRun dry = sluice(db, "migrate", "--dry-run");
        assertEquals(ExitCodes.LINT_FAILED, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("blocks   V12__authors_full_name.sql:1:21 [add-generated-column]"), dry.out());
        assertTrue(dry.out().contains("not under lint.gate.small-table (64.0 KiB)"), dry.out());
        assertTrue(dry.out().contains("passes   V6__index_books_and_orders.sql:1:1 [create-index-non-concurrently] books is 0 B"
                + " in the database, under lint.gate.small-table (64.0 KiB)"), dry.out());
        CliRun refused = sluice(db, "migrate");
        assertEquals(ExitCodes.LINT_FAILED, refused.exitCode(), refused.toString());
        assertEquals(5L, db.queryForLong("select count(*) from sluice_history"), "nothing ran");

        Files.delete(dir.resolve("sluice.conf"));
        assertEquals(ExitCodes.OK, sluice(db, "migrate").exitCode());
        Files.writeString(migrations.resolve("V14__drop_isbn.sql"), "ALTER TABLE books DROP COLUMN published;\n");
        CliRun drop = sluice(db, "migrate");
        assertEquals(ExitCodes.LINT_FAILED, drop.exitCode(), drop.toString());
        assertTrue(drop.err().contains("V14__drop_isbn.sql:1:19: error [drop-column]"), drop.err());
        assertEquals(ExitCodes.LINT_FAILED, drop.exitCode(), drop.toString());
        assertTrue(drop.err().contains("V14__drop_isbn.sql:1:19: error [drop-column]"), drop.err());
    }

    @Test
    void lintAndMigrateRefuseANonUtf8FileAlikeNamingIt(TestDatabase db) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.write(migrations.resolve("V1__latin1.sql"), "insert into t values ('caf\u00e9');\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun lint = sluice(db, "lint");
        CliRun migrate = sluice(db, "migrate");
        assertEquals(ExitCodes.INVALID, migrate.exitCode(), migrate.toString());
        assertEquals(ExitCodes.INVALID, lint.exitCode(), lint.toString());
        assertTrue(lint.err().contains("V1__latin1.sql") && lint.err().contains("not valid UTF-8"), lint.err());
        CliRun one = sluice(db, "lint", migrations.resolve("V1__latin1.sql").toString());
        assertEquals(ExitCodes.INVALID, one.exitCode(), one.toString());
    }

    /** One parser of durations: a fraction is valid for both, a timeout past PostgreSQL's maximum for neither. */
    @Test
    void lintAndMigrateAgreeOnLockTimeoutHeaders(TestDatabase db) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create.sql"), "-- sluice:lock-timeout 1.5s\ncreate table t (id bigint primary key);\n");
        CliRun lint = sluice(db, "lint");
        assertEquals(ExitCodes.OK, lint.exitCode(), lint.toString());
        CliRun dry = sluice(db, "migrate", "--dry-run");
        assertEquals(ExitCodes.OK, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("1500ms"), dry.out());
        assertEquals(ExitCodes.OK, sluice(db, "migrate").exitCode());

        Files.writeString(migrations.resolve("V2__long.sql"), "-- sluice:lock-timeout 25d\ncreate table u (id bigint primary key);\n");
        CliRun badLint = sluice(db, "lint");
        assertEquals(ExitCodes.INVALID, badLint.exitCode(), "an invalid file is exit 3 for lint as for migrate: " + badLint);
        assertTrue(badLint.out().contains("V2__long.sql:1:1: error [invalid-migration]") && badLint.out().contains("24.8 days"),
                badLint.out());
        assertEquals(1, badLint.out().lines().filter(l -> l.contains("24.8 days")).count(), "reported once: " + badLint.out());
        CliRun badMigrate = sluice(db, "migrate");
        assertEquals(ExitCodes.INVALID, badMigrate.exitCode(), badMigrate.toString());
        assertTrue(badMigrate.err().contains("V2__long.sql:1") && badMigrate.err().contains("24.8 days"), badMigrate.err());
        assertTrue(db.queryForBoolean("select to_regclass('u') is null"));

        Files.delete(migrations.resolve("V2__long.sql"));
        CliRun option = sluice(db, "migrate", "--lock-timeout", "25d");
        assertEquals(ExitCodes.USAGE, option.exitCode(), option.toString());
        assertTrue(option.err().contains("--lock-timeout") && option.err().contains("24.8 days"), option.err());
    }
}
