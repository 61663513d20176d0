package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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
        Files.writeString(migrations.resolve("V2__add.sql"), "alter table t add column b text not null;\n");

        CliRun refused = sluice(db, "migrate");
        assertEquals(ExitCodes.LINT_FAILED, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("V2__add.sql:1:15: error [add-not-null-column-without-default]"), refused.err());
        assertTrue(refused.err().contains("nothing ran"), refused.err());
        assertTrue(db.queryForBoolean("select to_regclass('t') is null"));

        Files.writeString(dir.resolve("sluice.conf"), "lint.severity.add-not-null-column-without-default = warning\n");
        CliRun allowed = sluice(db, "migrate");
        assertEquals(ExitCodes.OK, allowed.exitCode(), allowed.toString());
    }

    @Test
    void noLintSkipsTheGate(TestDatabase db) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create.sql"), "create table t (id bigint primary key, a text);\n");
        Files.writeString(migrations.resolve("V2__index.sql"), "create index t_a on t (a);\n");
        assertEquals(ExitCodes.LINT_FAILED, sluice(db, "migrate").exitCode());
        CliRun r = sluice(db, "migrate", "--no-lint");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(db.queryForBoolean("select to_regclass('t_a') is not null"));
    }
}
