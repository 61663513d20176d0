package dev.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection errors a person can act on, for the cases that need no server. */
class ConnectionErrorsTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownHostIsNamed() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        CliRun r = CliRun.run("--dir", dir.toString(), "--url", "jdbc:postgresql://no-such-host.invalid:5432/app", "status");
        assertEquals(ExitCodes.DATABASE_UNAVAILABLE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("unknown host 'no-such-host.invalid'"), r.err());
        assertFalse(r.err().contains("check that the server runs"), r.err());
    }

    @Test
    void anUnknownHostInAPostgresUrlIsNamedAndItsPasswordIsNot() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        CliRun r = CliRun.run("--dir", dir.toString(), "--url", "postgres://app:S3cret-Pw@no-such-host.invalid/app", "status");
        assertEquals(ExitCodes.DATABASE_UNAVAILABLE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("unknown host 'no-such-host.invalid'"), r.err());
        assertFalse(r.toString().contains("S3cret-Pw"), r.toString());
    }

    @Test
    void aUrlOfAnotherKindIsAUsageError() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        CliRun r = CliRun.run("--dir", dir.toString(), "--url", "mysql://app@db/app", "status");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("postgres://"), r.err());
    }
}
