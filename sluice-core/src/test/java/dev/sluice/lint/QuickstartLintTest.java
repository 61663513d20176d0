package dev.sluice.lint;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quickstart is what a new user lints first: it must come out clean. */
class QuickstartLintTest {

    @Test
    void quickstartMigrationsLintClean() {
        Path folder = Path.of("..", "examples", "quickstart", "migrations");
        assertTrue(Files.isDirectory(folder), folder.toAbsolutePath().toString());
        LintReport report = new Linter(LintSettings.defaults()).lint(Linter.folderInputs(folder, p -> true));
        assertEquals(java.util.List.of(), report.findings());
        assertEquals(7, report.files());
    }
}
