package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.SluiceOptions;
import dev.sluice.db.JdbcConnectionFactory;
import dev.sluice.execution.MigrationListener;
import dev.sluice.lint.GateReport;
import dev.sluice.lint.LintFailedException;
import dev.sluice.lint.LintSettings;
import dev.sluice.lint.Severity;
import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.Version;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lint stops migrate and rollback before any migration statement runs, judging the pending
 * migrations against the real database: tables new in the run and small tables pass, data loss on an
 * existing table and large tables block.
 */
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
        migrateAll(sluice(db, LintSettings.defaults()), 1);
        Files.writeString(folder.resolve("V2__add.sql"), "create table u (id int);\n");
        Files.writeString(folder.resolve("V3__drop.sql"), "alter table t drop column a;\n");
        LintFailedException e = assertThrows(LintFailedException.class,
                () -> sluice(db, LintSettings.defaults()).migrate(Optional.empty(), MigrationListener.NONE));
        assertTrue(e.getMessage().contains("V3__drop.sql:1:15: error [drop-column]"), e.getMessage());
        assertTrue(db.queryForBoolean("select to_regclass('u') is null"), "V2 must not have run either");

        migrateAll(sluice(db, LintSettings.defaults().withBeforeMigrate(false)), 2);
    }

    @Test
    void tablesCreatedEarlierInTheRunAreNew(TestDatabase db) throws Exception {
        Files.writeString(folder.resolve("V1__create.sql"), "create table t (id bigint primary key, a text, b int);\n");
        Files.writeString(folder.resolve("V2__other.sql"), "create table u (id int);\n");
        Files.writeString(folder.resolve("V3__index.sql"), "create index t_a on t (a);\n");
        Files.writeString(folder.resolve("V4__generated.sql"),
                "alter table t add column a2 text generated always as (a || a) stored;\n");
        Files.writeString(folder.resolve("V5__drop.sql"), "alter table t drop column b;\n");
        Sluice sluice = sluice(db, LintSettings.defaults());
        GateReport gate = sluice.lintGate(sluice.planMigrate(Optional.empty())).orElseThrow();
        assertFalse(gate.blocks(), gate.describe().toString());
        assertTrue(gate.decisions().stream().anyMatch(d -> d.finding().rule().equals("drop-column")
                && d.outcome() == GateReport.Outcome.PASSES && d.reason().contains("earlier migration of this run")),
                gate.describe().toString());
        migrateAll(sluice, 5);
    }

    @Test
    void aSmallExistingTablePassesAsInfoWithItsMeasuredSize(TestDatabase db) throws Exception {
        Files.writeString(folder.resolve("V1__create.sql"), "create table t (id bigint primary key, a text);\n"
                + "insert into t select g, 'x' from generate_series(1, 10) g;\n");
        Sluice sluice = sluice(db, LintSettings.defaults());
        migrateAll(sluice, 1);
        Files.writeString(folder.resolve("V2__index.sql"), "create index t_a on t (a);\n");
        GateReport gate = sluice.lintGate(sluice.planMigrate(Optional.empty())).orElseThrow();
        GateReport.Decision d = gate.decisions().stream()
                .filter(x -> x.finding().rule().equals("create-index-non-concurrently")).findFirst().orElseThrow();
        assertEquals(GateReport.Outcome.PASSES, d.outcome(), gate.describe().toString());
        assertEquals(Severity.INFO, d.finding().severity());
        assertTrue(d.reason().contains("t is 8.0 KiB in the database, under lint.gate.small-table (10.0 MiB)"), d.reason());
        migrateAll(sluice, 1);
    }

    @Test
    void aTableOverTheThresholdStillBlocks(TestDatabase db) throws Exception {
        Files.writeString(folder.resolve("V1__create.sql"), "create table t (id bigint primary key, a text);\n");
        LintSettings lint = LintSettings.defaults().withSmallTableBytes(64 * 1024);
        migrateAll(sluice(db, lint), 1);
        db.execute("insert into t select g, repeat('x', 100) from generate_series(1, 2000) g");
        Files.writeString(folder.resolve("V2__index.sql"), "create index t_a on t (a);\n");
        LintFailedException e = assertThrows(LintFailedException.class,
                () -> sluice(db, lint).migrate(Optional.empty(), MigrationListener.NONE));
        assertTrue(e.getMessage().contains("V2__index.sql:1:1: error [create-index-non-concurrently]"), e.getMessage());
        assertTrue(e.getMessage().contains("not under lint.gate.small-table (64.0 KiB)"), e.getMessage());
    }

    @Test
    void aPartitionedTableIsAsLargeAsItsPartitions(TestDatabase db) throws Exception {
        Files.writeString(folder.resolve("V1__create.sql"), "create table ev (id bigint, a text) partition by range (id);\n"
                + "create table ev_1 partition of ev for values from (0) to (1000000);\n");
        LintSettings lint = LintSettings.defaults().withSmallTableBytes(64 * 1024);
        migrateAll(sluice(db, lint), 1);
        db.execute("insert into ev select g, repeat('x', 100) from generate_series(1, 2000) g");
        Files.writeString(folder.resolve("V2__check.sql"), "alter table ev add constraint ev_a check (a <> '');\n");
        LintFailedException e = assertThrows(LintFailedException.class,
                () -> sluice(db, lint).migrate(Optional.empty(), MigrationListener.NONE));
        assertTrue(e.getMessage().contains("[constraint-without-not-valid]"), e.getMessage());
    }

    @Test
    void startAfterLeavesOlderFilesUnjudged(TestDatabase db) throws Exception {
        Files.writeString(folder.resolve("V1__create.sql"), "create table t (id bigint primary key, a text);\n");
        migrateAll(sluice(db, LintSettings.defaults()), 1);
        Files.writeString(folder.resolve("V2__drop.sql"), "alter table t drop column a;\n");
        Files.writeString(folder.resolve("V3__add.sql"), "alter table t add column a text;\n");
        LintSettings lint = LintSettings.defaults().withStartAfter(Optional.of(Version.parse("2")));
        Sluice sluice = sluice(db, lint);
        GateReport gate = sluice.lintGate(sluice.planMigrate(Optional.empty())).orElseThrow();
        assertEquals(1, gate.notJudged(), gate.describe().toString());
        assertEquals(1, gate.files(), gate.describe().toString());
        migrateAll(sluice, 2);
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
        migrateAll(sluice(db, LintSettings.defaults()), 2);
        // A threshold of 0 takes every existing table as large, so the REINDEX blocks whatever t holds.
        Sluice sluice = sluice(db, LintSettings.defaults().withSmallTableBytes(0));
        LintFailedException e = assertThrows(LintFailedException.class, () -> sluice.rollback(1, Optional.empty(), MigrationListener.NONE));
        assertTrue(e.getMessage().contains("U2__index.sql:1:1: error [reindex-non-concurrently]"), e.getMessage());
        assertTrue(db.queryForBoolean("select to_regclass('t_a') is not null"));
    }

    private static void migrateAll(Sluice sluice, int expectedSteps) throws Exception {
        assertEquals(expectedSteps, sluice.migrate(Optional.empty(), MigrationListener.NONE).steps().size());
    }
}
