package dev.sluice.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sluice lint} needs no database: these run without one. */
class LintCommandTest {

    @TempDir
    Path dir;

    Path migrations;

    @BeforeEach
    void project() throws Exception {
        migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create.sql"), "create table t (id bigint primary key, a text);\n");
        Files.writeString(migrations.resolve("V2__index.sql"), "create index t_a on t (a);\n");
    }

    private CliRun lint(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--dir";
        all[1] = dir.toString();
        all[2] = "lint";
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.run(CliRun.env(), all);
    }

    @Test
    void textFormatLikeACompilerWithTheAlternativeAndExitFive() {
        CliRun r = lint();
        assertEquals(ExitCodes.LINT_FAILED, r.exitCode(), r.toString());
        assertTrue(r.out().contains("V2__index.sql:1:1: error [create-index-non-concurrently] "), r.out());
        assertTrue(r.out().contains("\n    instead: CREATE INDEX CONCURRENTLY"), r.out());
        assertTrue(r.out().contains("1 error, 0 warnings in 2 files"), r.out());
        assertFalse(r.err().contains("embedded"), "lint must not start a database: " + r.err());
    }

    @Test
    void singleFileIsJudgedAgainstTheEarlierMigrations() {
        CliRun r = lint(migrations.resolve("V1__create.sql").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("0 errors, 0 warnings in 1 file"), r.out());
    }

    @Test
    void jsonSarifAndGithubFormats() {
        CliRun json = lint("--format", "json");
        assertTrue(json.out().contains("\"findings\": ["), json.out());
        assertTrue(json.out().contains("\"rule\": \"create-index-non-concurrently\""), json.out());
        assertTrue(json.out().contains("\"line\": 1"), json.out());
        CliRun sarif = lint("--format", "sarif");
        assertTrue(sarif.out().contains("\"version\": \"2.1.0\""), sarif.out());
        assertTrue(sarif.out().contains("\"ruleId\": \"create-index-non-concurrently\""), sarif.out());
        assertTrue(sarif.out().contains("\"startLine\": 1"), sarif.out());
        CliRun gh = lint("--format", "github");
        assertTrue(gh.out().startsWith("::error file="), gh.out());
        assertTrue(gh.out().contains(",line=1,col=1,title=create-index-non-concurrently::"), gh.out());
        assertEquals(ExitCodes.LINT_FAILED, gh.exitCode());
    }

    @Test
    void configTurnsRulesOffOrDownAndRejectsUnknownIds() throws Exception {
        Files.writeString(dir.resolve("sluice.conf"), "lint.severity.create-index-non-concurrently = warning\n");
        CliRun down = lint();
        assertEquals(ExitCodes.OK, down.exitCode(), down.toString());
        assertTrue(down.out().contains("warning [create-index-non-concurrently]"), down.out());

        Files.writeString(dir.resolve("sluice.conf"), "lint.disable = create-index-non-concurrently, prefer-text\n");
        CliRun off = lint();
        assertEquals(ExitCodes.OK, off.exitCode(), off.toString());
        assertFalse(off.out().contains("create-index-non-concurrently"), off.out());

        Files.writeString(dir.resolve("sluice.conf"), "lint.disable = create-index-non-concurently\n");
        CliRun typo = lint();
        assertEquals(ExitCodes.USAGE, typo.exitCode(), typo.toString());
        assertTrue(typo.err().contains("unknown lint rule 'create-index-non-concurently'"), typo.err());

        Files.writeString(dir.resolve("sluice.conf"), "lint.severity.set-not-null = fatal\n");
        assertEquals(ExitCodes.USAGE, lint().exitCode());
    }

    @Test
    void pgVersionFlagAndListRules() throws Exception {
        Files.writeString(migrations.resolve("V2__index.sql"), "alter table t detach partition t_2020;\n");
        assertEquals(ExitCodes.LINT_FAILED, lint().exitCode());
        assertEquals(ExitCodes.OK, lint("--pg-version", "13").exitCode());
        CliRun list = lint("--list-rules");
        assertTrue(list.out().contains("create-index-non-concurrently"), list.out());
    }

    @Test
    void missingPathIsAUsageError() {
        CliRun r = lint(dir.resolve("nope.sql").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    }

    @Test
    void quickstartLintsClean() {
        Path quickstart = Path.of("..", "examples", "quickstart").toAbsolutePath().normalize();
        CliRun r = CliRun.run(CliRun.env(), "--dir", quickstart.toString(), "lint");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("0 errors, 0 warnings in 7 files"), r.out());
    }
}
