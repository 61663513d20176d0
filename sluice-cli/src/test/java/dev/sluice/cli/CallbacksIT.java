package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flyway's SQL callbacks: each runs at its moment, inside or outside the migration's transaction as documented. */
@ExtendWith(PostgresExtension.class)
class CallbacksIT {

    @TempDir
    Path dir;

    private Path migrations;

    private CliRun run(TestDatabase db, String... args) {
        return CliRun.inProject(dir, db, args);
    }

    private void write(String name, String sql) throws Exception {
        Files.writeString(migrations.resolve(name), sql);
    }

    private List<String> log(TestDatabase db) throws Exception {
        return db.queryForList("select event from callback_log order by n");
    }

    @BeforeEach
    void callbacks() throws Exception {
        migrations = Files.createDirectories(dir.resolve("migrations"));
        write("beforeMigrate.sql", "create table if not exists callback_log (n bigserial primary key, event text not null);\n"
                + "insert into callback_log (event) values ('beforeMigrate');\n");
        write("beforeEachMigrate.sql", "insert into callback_log (event) values ('beforeEach');\n");
        write("afterEachMigrate.sql", "insert into callback_log (event) values ('afterEach ' || (select count(*) from pg_tables where tablename like 't_'));\n");
        write("afterEachMigrateError.sql", "insert into callback_log (event) values ('afterEachError');\n");
        write("afterMigrate__1_note.sql", "insert into callback_log (event) values ('afterMigrate ${flyway:table}');\n");
        write("afterMigrate__2_second.sql", "insert into callback_log (event) values ('afterMigrate second');\n");
        write("afterMigrateApplied.sql", "insert into callback_log (event) values ('afterMigrateApplied');\n");
        write("afterMigrateError.sql", "insert into callback_log (event) values ('afterMigrateError');\n");
        write("beforeValidate.sql", "select 1;\n");
        write("V1__one.sql", "create table t1 (id bigint primary key);\n");
        write("V2__two.sql", "create table t2 (id bigint primary key);\n");
    }

    @Test
    void everyEventRunsAtItsMomentAndCallbacksAreNotMigrations(TestDatabase db) throws Exception {
        CliRun migrate = run(db, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertEquals(List.of("beforeMigrate", "beforeEach", "afterEach 1", "beforeEach", "afterEach 2",
                "afterMigrate sluice_history", "afterMigrate second", "afterMigrateApplied"), log(db));
        assertEquals(List.of("1", "2"), db.queryForList("select version from sluice_history order by installed_rank"));

        CliRun nothing = run(db, "migrate");
        assertEquals(0, nothing.exitCode(), nothing.toString());
        assertEquals(List.of("beforeMigrate", "afterMigrate sluice_history", "afterMigrate second"), log(db).subList(8, 11));
        assertEquals(11, log(db).size(), "afterMigrateApplied runs only when something was applied");

        CliRun validate = run(db, "validate");
        assertEquals(0, validate.exitCode(), validate.toString());
        assertTrue(validate.err().contains("beforeValidate.sql") && validate.err().contains("an event Sluice does not run"),
                validate.toString());
    }

    @Test
    void aFailedMigrationTakesItsBeforeEachWithItAndTheErrorCallbacksRunAfter(TestDatabase db) throws Exception {
        write("V3__broken.sql", "create table t3 (id bigint primary key);\nselect 1 / 0;\n");
        CliRun migrate = run(db, "migrate");
        assertEquals(ExitCodes.MIGRATION_FAILED, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.err().contains("V3__broken.sql:2"), migrate.err());
        // V3's beforeEach ran in V3's transaction and was rolled back with it.
        assertEquals(List.of("beforeMigrate", "beforeEach", "afterEach 1", "beforeEach", "afterEach 2",
                "afterEachError", "afterMigrateError"), log(db));
        assertEquals(List.of(), db.queryForList("select tablename from pg_tables where tablename = 't3'"));
    }

    @Test
    void aFailingCallbackFailsTheMigrationWithTheCallbacksFileAndLine(TestDatabase db) throws Exception {
        write("afterEachMigrate.sql", "insert into callback_log (event) values ('afterEach');\n\ninsert into no_such_table values (1);\n");
        CliRun migrate = run(db, "migrate");
        assertEquals(ExitCodes.MIGRATION_FAILED, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.err().contains("afterEachMigrate.sql:3: the afterEachMigrate callback failed"), migrate.err());
        assertEquals(List.of(), db.queryForList("select version from sluice_history where state = 'APPLIED'"));
        assertEquals(List.of(), db.queryForList("select tablename from pg_tables where tablename = 't1'"),
                "the migration rolled back with its callback");
    }
}
