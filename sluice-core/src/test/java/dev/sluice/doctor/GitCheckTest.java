package dev.sluice.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The git check on folders the test makes into checkouts; runs the real {@code git}, no database. */
class GitCheckTest {

    @TempDir
    Path dir;

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }

    private CheckOutcome run(DoctorFixture f, DoctorRequest request) {
        return new GitCheck().run(f.context(request));
    }

    @Test
    void aMissingFolderOrOneOutsideACheckoutIsAWarning() throws Exception {
        DoctorFixture f = DoctorFixture.unreachable(dir);
        CheckOutcome missing = run(f, DoctorRequest.of(dir.resolve("nowhere"), f.backups));
        assertEquals(CheckStatus.WARN, missing.status(), missing.toString());
        assertTrue(missing.message().contains("does not exist"), missing.message());
        CheckOutcome outside = run(f, f.request());
        assertEquals(CheckStatus.WARN, outside.status(), outside.toString());
        assertTrue(outside.message().contains("is not in a git checkout"), outside.message());
    }

    @Test
    void uncommittedMigrationsFailAndOnlyWarnOnTheEmbeddedDatabase() throws Exception {
        DoctorFixture f = DoctorFixture.unreachable(dir).file("V1__One.sql", "select 1;\n");
        git(dir, "init", "-q");
        CheckOutcome fail = run(f, f.request());
        assertEquals(CheckStatus.FAIL, fail.status(), fail.toString());
        assertTrue(fail.message().startsWith("1 uncommitted change in ") && fail.message().endsWith(": commit what you migrate"), fail.toString());
        assertEquals(1, fail.details().size(), fail.toString());
        CheckOutcome embedded = run(f, f.request().withEmbeddedDir(Optional.of(dir.resolve(".sluice"))));
        assertEquals(CheckStatus.WARN, embedded.status(), embedded.toString());

        git(dir, "add", "migrations");
        git(dir, "commit", "-q", "-m", "migrations");
        CheckOutcome committed = run(f, f.request());
        assertEquals(CheckStatus.PASS, committed.status(), committed.toString());
        assertEquals("migrations folder committed", committed.message());
    }

    @Test
    void changesOutsideTheMigrationsFolderDoNotCount() throws Exception {
        DoctorFixture f = DoctorFixture.unreachable(dir).file("V1__One.sql", "select 1;\n");
        git(dir, "init", "-q");
        git(dir, "add", "migrations");
        git(dir, "commit", "-q", "-m", "migrations");
        Files.writeString(dir.resolve("notes.txt"), "not a migration\n");
        assertEquals(CheckStatus.PASS, run(f, f.request()).status());
    }
}
