package dev.sluice.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which migrations folder a test class gets when it names none, and what it is told when there is none. */
class TestProjectTest {

    @Test
    void flywaysFolderComesBeforeTheClisOne(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("migrations"));
        assertEquals(project.resolve("migrations"), TestProject.of(project, "", "sluice.conf").migrations());
        Files.createDirectories(project.resolve("src/main/resources/db/migration"));
        assertEquals(project.resolve("src/main/resources/db/migration"), TestProject.of(project, "", "sluice.conf").migrations());
    }

    @Test
    void aNamedFolderIsTakenRelativeToTheWorkingDirectory(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("db/schema"));
        TestProject named = TestProject.of(project, "db/schema", "conf/sluice.conf");
        assertEquals(project.resolve("db/schema"), named.migrations());
        assertEquals(project.resolve("conf/sluice.conf"), named.config());
    }

    @Test
    void theSettingsFilesLocationsComesBeforeTheDefaults(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("src/main/resources/db/migration"));
        Files.createDirectories(project.resolve("app/sql"));
        Files.writeString(project.resolve("app/sluice.conf"), "locations = sql\n");
        assertEquals(project.resolve("app/sql"), TestProject.of(project, "", "app/sluice.conf").migrations());
        Files.createDirectories(project.resolve("named"));
        assertEquals(project.resolve("named"), TestProject.of(project, "named", "app/sluice.conf").migrations(),
                "the annotation's folder wins");
        Files.writeString(project.resolve("app/sluice.conf"), "locations = gone\n");
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> TestProject.of(project, "", "app/sluice.conf"));
        assertTrue(wrong.getMessage().startsWith(project.resolve("app/sluice.conf") + ": locations = gone: "), wrong.getMessage());
    }

    @Test
    void noFolderIsAnErrorNamingWhereItLookedAndTheAttribute(@TempDir Path project) {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> TestProject.of(project, "", "sluice.conf"));
        assertTrue(none.getMessage().contains("src/main/resources/db/migration nor migrations"), none.getMessage());
        assertTrue(none.getMessage().contains("@SluiceTest(migrations = "), none.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> TestProject.of(project, "sql", "sluice.conf"));
        assertTrue(missing.getMessage().startsWith("@SluiceTest(migrations = \"sql\"): " + project.resolve("sql")), missing.getMessage());
    }
}
