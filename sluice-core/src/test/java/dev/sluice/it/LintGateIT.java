package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.MigrationListener;
import dev.sluice.lint.LintFailedException;
import dev.sluice.lint.LintSettings;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lint stops migrate and rollback before any migration statement runs. */
@ExtendWith(PostgresExtension.class)
class LintGateIT {

    @TempDir
    Path folder;

    private Sluice sluice(TestDatabase db, LintSettings lint) {
        return new Sluice(SluiceOptions.builder(new JdbcConnectionFactory(db.jdbcUrl(), db.user(), db.password()))
                .source(new FileSystemMigrationSource(folder)).lint(lint).build());
    }

    @Test
    void errorFindingStopsTheWholeRunBeforeAnyStatement(TestDatabase db) throws Exception {
        Files.writeString(folder.resolve("V1__create.sql"), "create table t (id bigint primary key, a text);\n");
        Files.writeString(folder.resolve("V2__index.sql"), "create index t_a on t (a);\n");
        LintFailedException e = assertThrows(LintFailedException.class,
                () -> sluice(db, LintSettings.defaults()).migrate(Optional.empty(), MigrationListener.NONE));
        assertTrue(e.getMessage().contains("V2__index.sql:1:1: error [create-index-non-concurrently]"), e.getMessage());
        assertTrue(db.queryForBoolean("select to_regclass('t') is null"), "V1 must not have run either");

        migrateAll(sluice(db, LintSettings.defaults().withBeforeMigrate(false)), 2);
    }

    @Test
    void suppressionWithAReasonLetsTheRunGoOn(TestDatabase db) throws Exception {
        Files.writeString(folder.resolve("V1__create.sql"), "create table t (id bigint primary key, a text);\n");
        Files.writeString(folder.resolve("V2__index.sql"),
                "-- sluice:ignore create-index-non-concurrently t holds a handful of rows\ncreate index t_a on t (a);\n");
        migrateAll(sluice(db, LintSettings.defaults()), 2);
    }

    @Test
    void rollbackLintsTheDownFiles(TestDatabase db) throws Exception {
        Files.writeString(folder.resolve("V1__create.sql"), "create table t (id bigint primary key, a text);\n");
        Files.writeString(folder.resolve("U1__create.sql"), "drop table t;\n");
        Files.writeString(folder.resolve("V2__index.sql"), "create index concurrently if not exists t_a on t (a);\n");
        Files.writeString(folder.resolve("U2__index.sql"), "reindex table t;\ndrop index concurrently if exists t_a;\n");
        Sluice sluice = sluice(db, LintSettings.defaults());
        migrateAll(sluice, 2);
        LintFailedException e = assertThrows(LintFailedException.class, () -> sluice.rollback(1, Optional.empty(), MigrationListener.NONE));
        assertTrue(e.getMessage().contains("U2__index.sql:1:1: error [reindex-non-concurrently]"), e.getMessage());
        assertTrue(db.queryForBoolean("select to_regclass('t_a') is not null"));
    }

    private static void migrateAll(Sluice sluice, int expectedSteps) throws Exception {
        assertEquals(expectedSteps, sluice.migrate(Optional.empty(), MigrationListener.NONE).steps().size());
    }
}
