package dev.sluice.cli;

import dev.sluice.testing.TestDatabase;
import dev.sluice.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the output looks like where it goes: colour and columns, a pipe, NO_COLOR, --no-color, --quiet. */
@ExtendWith(PostgresExtension.class)
class OutputIT {

    /** An SGR sequence: colour or weight. Cursor movement of the progress line is not colour. */
    static final Pattern COLOUR = Pattern.compile("\033\\[[0-9;]*m");

    @TempDir
    Path dir;

    private Map<String, String> env(TestDatabase db, String... more) {
        Map<String, String> env = CliRun.env("SLUICE_URL", db.jdbcUrl(), "SLUICE_USER", db.user(), "SLUICE_PASSWORD", db.password());
        env.putAll(CliRun.env(more));
        return env;
    }

    private void project() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__a.sql"), "create table a (id int primary key);\n");
        Files.writeString(dir.resolve("migrations/U1__a.sql"), "drop table a;\n");
        Files.writeString(dir.resolve("migrations/V2__a_much_longer_description_here.sql"), "create table b (id int primary key);\n");
        Files.writeString(dir.resolve("migrations/U2__a_much_longer_description_here.sql"), "drop table b;\n");
        Files.writeString(dir.resolve("migrations/V10__c.sql"), "create index concurrently a_id on a (id);\n");
        Files.writeString(dir.resolve("migrations/U10__c.sql"), "drop index concurrently a_id;\n");
    }

    /** The lines starting with {@code verb}, which must end their time column at one place. */
    private static void assertAligned(String out, String verb, int count) {
        List<String> lines = out.lines().filter(l -> l.matches(verb + "\\s+V.*")).toList();
        assertEquals(count, lines.size(), out);
        List<Integer> ends = lines.stream().map(l -> l.indexOf(" ms") ).distinct().toList();
        assertEquals(1, ends.size(), "the times are not in one column:\n" + out);
        List<Integer> labels = lines.stream().map(l -> l.indexOf('V')).distinct().toList();
        assertEquals(1, labels.size(), "the migrations are not in one column:\n" + out);
    }

    @Test
    void pipedOutputIsPlainAndAligned(TestDatabase db) throws Exception {
        project();
        CliRun migrate = CliRun.run(env(db), "--dir", dir.toString(), "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertFalse(migrate.out().contains("\033") || migrate.err().contains("\033"), migrate.toString());
        assertAligned(migrate.out(), "applied", 3);
        CliRun rollback = CliRun.run(env(db), "--dir", dir.toString(), "rollback", "--steps", "3");
        assertEquals(0, rollback.exitCode(), rollback.toString());
        assertAligned(rollback.out(), "rolled back", 3);
        // applied and rolled-back lines share their columns too.
        assertEquals(migrate.out().lines().filter(l -> l.startsWith("applied")).findFirst().orElseThrow().indexOf("V1"),
                rollback.out().lines().filter(l -> l.startsWith("rolled back")).findFirst().orElseThrow().indexOf("V"), rollback.out());
    }

    @Test
    void aTerminalGetsColourUnlessNoColorOrTheFlagSaysNo(TestDatabase db) throws Exception {
        project();
        CliRun coloured = CliRun.runOnTerminal(env(db), "--dir", dir.toString(), "migrate", "--target", "1");
        assertEquals(0, coloured.exitCode(), coloured.toString());
        assertTrue(COLOUR.matcher(coloured.out()).find(), coloured.out());

        CliRun noColorEnv = CliRun.runOnTerminal(env(db, "NO_COLOR", "1"), "--dir", dir.toString(), "migrate", "--target", "2");
        assertEquals(0, noColorEnv.exitCode(), noColorEnv.toString());
        assertFalse(COLOUR.matcher(noColorEnv.out() + noColorEnv.err()).find(), noColorEnv.out());
        assertTrue(noColorEnv.out().contains("applied"), noColorEnv.out());

        CliRun flag = CliRun.runOnTerminal(env(db), "--dir", dir.toString(), "--no-color", "doctor");
        assertFalse(COLOUR.matcher(flag.out() + flag.err()).find(), flag.out());
        CliRun help = CliRun.runOnTerminal(env(db, "NO_COLOR", "yes"), "migrate", "--help");
        assertFalse(COLOUR.matcher(help.out()).find(), help.out());
    }

    @Test
    void quietPrintsNothingOnSuccess(TestDatabase db) throws Exception {
        project();
        CliRun quiet = CliRun.run(env(db), "--dir", dir.toString(), "--quiet", "migrate");
        assertEquals(0, quiet.exitCode(), quiet.toString());
        assertEquals("", quiet.out(), quiet.toString());
        assertTrue(db.queryForBoolean("select to_regclass('b') is not null"));
        CliRun quietTerminal = CliRun.runOnTerminal(env(db), "--dir", dir.toString(), "-q", "rollback");
        assertEquals(0, quietTerminal.exitCode(), quietTerminal.toString());
        assertEquals("", quietTerminal.out(), quietTerminal.toString());
    }
}
