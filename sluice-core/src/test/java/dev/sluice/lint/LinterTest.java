package dev.sluice.lint;

import dev.sluice.lint.rules.ColumnTypeRewrite;
import dev.sluice.lint.rules.CreateIndexNonConcurrently;
import dev.sluice.lint.rules.DetachPartitionNonConcurrently;
import dev.sluice.lint.rules.DropTable;
import dev.sluice.lint.rules.IgnoreWithoutReason;
import dev.sluice.lint.rules.UnusedIgnore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The context that keeps the rules from crying wolf: new tables, history, version, suppressions, settings. */
class LinterTest {

    static List<String> rules(LintReport report) {
        return report.findings().stream().map(Finding::rule).toList();
    }

    static LintReport lint(String text) {
        return new Linter(LintSettings.defaults()).lintText("V1__x.sql", text);
    }

    @Test
    void tableCreatedEarlierInTheFileIsNew() {
        LintReport r = lint("create table t (id bigint primary key, email text);\n"
                + "create index t_email on t (email);\n"
                + "alter table t add constraint t_fk foreign key (id) references u (id);\n"
                + "alter table t alter column email set not null;\n");
        assertEquals(List.of(), r.findings());
    }

    @Test
    void indexOnTableOfAnEarlierMigrationIsFlaggedWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("V1__create.sql"), "create table t (id bigint primary key, email varchar(40));\n");
        Files.writeString(dir.resolve("V2__index.sql"), "\n\ncreate index t_email on t (email);\n"
                + "alter table t alter column email type varchar(80);\n");
        LintReport r = new Linter(LintSettings.defaults()).lint(Linter.folderInputs(dir, p -> p.toString().endsWith("V2__index.sql")));
        assertEquals(1, r.files());
        assertEquals(List.of(CreateIndexNonConcurrently.ID), rules(r).stream().filter(x -> !x.equals("prefer-text")).toList());
        Finding f = r.findings().get(0);
        assertEquals(3, f.line());
        assertEquals(1, f.column());
        assertTrue(f.file().endsWith("V2__index.sql"));
    }

    @Test
    void startAfterLeavesFilesAtOrBeforeItUnjudgedButStillReadsTheirTables(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("V1__create.sql"), "create table t (id bigint primary key, a text);\n");
        Files.writeString(dir.resolve("V1_5__index.sql"), "create index t_a on t (a);\n");
        Files.writeString(dir.resolve("V2__drop.sql"), "alter table t drop column a;\n");
        Files.writeString(dir.resolve("V10__index.sql"), "create index t_id on t (id);\n");
        LintSettings settings = LintSettings.defaults().withStartAfter(java.util.Optional.of(dev.sluice.migration.Version.parse("2")));
        LintReport r = new Linter(settings).lint(Linter.folderInputs(dir, p -> true));
        assertEquals(List.of(CreateIndexNonConcurrently.ID), rules(r));
        assertTrue(r.findings().get(0).file().endsWith("V10__index.sql"), r.findings().toString());
        assertEquals(1, r.files());
        assertEquals(3, r.notJudged());
    }

    @Test
    void againstADatabaseNewInTheRunAndSmallTablesPassWhileDataLossOnExistingOnesDoesNot(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("V1__old.sql"), "create table old (id bigint primary key, a text);\n");
        Files.writeString(dir.resolve("V2__new.sql"), "create table fresh (id bigint primary key, a text);\n");
        Files.writeString(dir.resolve("V3__use.sql"), "create index fresh_a on fresh (a);\nalter table fresh drop column a;\n"
                + "create index old_a on old (a);\nalter table old drop column a;\n");
        List<LintInput> inputs = Linter.folderInputs(dir, p -> !p.toString().endsWith("V1__old.sql"));
        TableSizes sizes = t -> t.name().equals("old") ? java.util.OptionalLong.of(8192) : java.util.OptionalLong.empty();
        LintReport r = new Linter(LintSettings.defaults()).lintAgainst(inputs, sizes);
        assertEquals(List.of("create-index-non-concurrently", "drop-column"), rules(r));
        assertEquals(Severity.INFO, r.findings().get(0).severity());
        assertTrue(r.findings().get(0).message().contains("old is 8.0 KiB in the database"), r.findings().get(0).message());
        assertEquals(Severity.ERROR, r.findings().get(1).severity());
        assertEquals(4, new Linter(LintSettings.defaults()).lint(inputs).findings().stream()
                .filter(f -> f.severity() == Severity.ERROR).count(), "the files alone judge every earlier table as existing");
    }

    @Test
    void typeChangeVerdictDependsOnTheTypeTheHistoryRecorded(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("V1__create.sql"), "create table t (id bigint primary key, a varchar(40), b numeric(10,2), c integer);\n");
        Files.writeString(dir.resolve("V2__widen.sql"), "alter table t alter column a type varchar(80);\n"
                + "alter table t alter column b type numeric(14,2);\n");
        Files.writeString(dir.resolve("V3__shrink.sql"), "alter table t alter column a type varchar(10);\n");
        Files.writeString(dir.resolve("V4__int.sql"), "alter table t alter column c type bigint;\n");
        LintReport r = new Linter(LintSettings.defaults().withDisabled(Set.of("prefer-text", "multiple-alter-table")))
                .lint(Linter.folderInputs(dir, p -> true));
        List<String> files = r.findings().stream().filter(f -> f.rule().equals(ColumnTypeRewrite.ID))
                .map(f -> Path.of(f.file()).getFileName().toString()).toList();
        assertEquals(List.of("V3__shrink.sql", "V4__int.sql"), files);
    }

    @Test
    void downFilesAreNotCheckedForDropsButAreForLocks(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("V1__create.sql"), "create table t (id bigint primary key);\n");
        Files.writeString(dir.resolve("U1__create.sql"), "drop table t;\n");
        Files.writeString(dir.resolve("V2__idx.sql"), "create index concurrently if not exists t_id on t (id);\n");
        Files.writeString(dir.resolve("U2__idx.sql"), "drop index t_id;\n");
        LintReport r = new Linter(LintSettings.defaults()).lint(Linter.folderInputs(dir, p -> true));
        assertEquals(List.of("drop-index-non-concurrently"), rules(r));
        assertTrue(!rules(new Linter(LintSettings.defaults()).lintText("V3__drop.sql", "drop table t;")).isEmpty());
        assertEquals(List.of(DropTable.ID), rules(new Linter(LintSettings.defaults()).lintText("V3__drop.sql", "drop table t;")));
    }

    @Test
    void pgVersionChangesVerdicts() {
        String sql = "alter table events detach partition events_2020;";
        assertEquals(List.of(DetachPartitionNonConcurrently.ID), rules(lint(sql)));
        assertEquals(List.of(), rules(new Linter(LintSettings.defaults().withPgVersion(13)).lintText("V1__x.sql", sql)));
    }

    @Test
    void suppressionNeedsAReasonAndMustBeUsed() {
        LintReport ok = lint("-- sluice:ignore drop-table archived in V40\ndrop table old;\n");
        assertEquals(List.of(), ok.findings());
        LintReport noReason = lint("-- sluice:ignore drop-table\ndrop table old;\n");
        assertEquals(List.of(IgnoreWithoutReason.ID, DropTable.ID), rules(noReason));
        LintReport unused = lint("-- sluice:ignore drop-table no reason to be here\nselect 1;\n"
                + "-- sluice:ignore no-such-rule because\nselect 2;\n");
        assertEquals(List.of(UnusedIgnore.ID, UnusedIgnore.ID), rules(unused));
        assertTrue(unused.findings().get(1).message().contains("not a rule id"));
        LintReport file = lint("-- sluice:ignore-file drop-table this file retires the legacy schema\n"
                + "drop table a;\ndrop table b;\n");
        assertEquals(List.of(), file.findings());
        LintReport twoRules = lint("-- sluice:ignore create-index-non-concurrently,lock-table table is tiny, 12 rows\n"
                + "create index i on t (a);\n");
        assertEquals(List.of(), rules(twoRules), "a directive naming several rules counts as used when one of them matched");
    }

    @Test
    void settingsDisableAndChangeSeverity() {
        String sql = "create index i on t (a);";
        assertEquals(List.of(), new Linter(LintSettings.defaults().withDisabled(Set.of(CreateIndexNonConcurrently.ID)))
                .lintText("V1__x.sql", sql).findings());
        LintReport r = new Linter(LintSettings.defaults().withSeverities(Map.of(CreateIndexNonConcurrently.ID, Severity.WARNING)))
                .lintText("V1__x.sql", sql);
        assertEquals(Severity.WARNING, r.findings().get(0).severity());
        assertTrue(!r.hasErrors());
    }

    @Test
    void findingPointsAtTheSubCommand() {
        LintReport r = lint("alter table orders\n    add column a int,\n    alter column b set not null;\n");
        Finding f = r.findings().stream().filter(x -> x.rule().equals("set-not-null")).findFirst().orElseThrow();
        assertEquals(3, f.line());
        assertEquals(5, f.column());
        assertEquals("V1__x.sql:3:5: error [set-not-null] " + f.message(), f.format());
    }

    @Test
    void typeFindingPointsAtTheColumn() {
        LintReport r = lint("create table t (\n    id bigint primary key,\n    doc json\n);\n");
        Finding f = r.findings().get(0);
        assertEquals("prefer-jsonb", f.rule());
        assertEquals(3, f.line());
        assertEquals(5, f.column());
    }

    /** A quadratic pass over a file's statements would make this run for many minutes; linear, it takes a second. */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aLargeSeedFileDoesNotMakeTheLintQuadratic() {
        StringBuilder sql = new StringBuilder("-- sluice:transaction off\nbegin;\nlock table t;\n");
        for (int i = 0; i < 20_000; i++) {
            sql.append("insert into t values (").append(i).append(", 'row ").append(i).append("');\n");
        }
        sql.append("commit;\n");
        LintReport r = lint(sql.toString());
        assertEquals(20_003, r.statements());
    }

    @Test
    void indexOnAPartitionedTableGetsThePerPartitionRecipe(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("V1__events.sql"), "create table events (id bigint, at date) partition by range (at);\n");
        Files.writeString(dir.resolve("V2__idx.sql"), "create index events_at on events (at);\n");
        LintReport r = new Linter(LintSettings.defaults()).lint(Linter.folderInputs(dir, p -> true));
        Finding f = r.findings().get(0);
        assertEquals(CreateIndexNonConcurrently.ID, f.rule());
        assertTrue(f.alternative().contains("ON ONLY events"), f.alternative());
    }
}
