package dev.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor's settings are read before any check runs: a bad one is a usage error naming the file and
 * key, even where its check would not have got that far (the embedded database, a database that is down).
 * No server is started or reached.
 */
class DoctorSettingsTest {

    @TempDir
    Path dir;

    private CliRun doctor(String setting) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("sluice.conf"), setting + "\n");
        return CliRun.run("--dir", dir.toString(), "doctor");
    }

    @Test
    void aBadMaximumBackupAgeIsAUsageErrorOnTheEmbeddedDatabaseToo() throws Exception {
        CliRun r = doctor("backup-max-age = soon");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("sluice.conf: 'backup-max-age': 'soon' is not a duration"), r.err());
        assertFalse(r.err().contains("using the embedded database"), "no server started for a bad setting: " + r.err());
    }

    @Test
    void aBackupSpaceFactorThatIsNotAFiniteNumberIsAUsageError() throws Exception {
        for (String value : new String[]{"lots", "1e400", "NaN"}) {
            Files.createDirectories(dir.resolve("migrations"));
            Files.writeString(dir.resolve("sluice.conf"), "backup-space-factor = " + value + "\n");
            CliRun r = CliRun.run("--dir", dir.toString(), "--url", "jdbc:postgresql://127.0.0.1:1/none", "doctor");
            assertEquals(ExitCodes.USAGE, r.exitCode(), value + ": " + r);
            assertTrue(r.err().contains("sluice.conf: 'backup-space-factor' must be a number"), r.err());
        }
    }
}
