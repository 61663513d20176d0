package dev.sluice.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recent-backup rule, on backup folders written by the test; no database is opened. */
class RecentBackupCheckTest {

    @TempDir
    Path dir;

    private CheckOutcome run(DoctorRequest request) {
        return new RecentBackupCheck().run(DoctorFixture.unreachable(dir).context(request));
    }

    private DoctorRequest request() {
        return DoctorRequest.of(dir.resolve("migrations"), dir.resolve("backups"));
    }

    private void manifest(String id, Instant createdAt) throws Exception {
        Files.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("backups").resolve(id + ".json"), "{\"id\": \"" + id + "\", \"kind\": \"full\", \"reason\": \"\", "
                + "\"database\": \"db\", \"serverVersion\": \"15.1\", \"createdAt\": \"" + createdAt + "\", \"file\": \"" + id
                + ".dump\", \"sizeBytes\": 1, \"sha256\": \"00\", \"schemaFingerprint\": \"f\", \"lastMigration\": null, "
                + "\"rowCounts\": {}, \"tableCopies\": {}}\n");
    }

    @Test
    void theEmbeddedDevelopmentDatabaseNeedsNoBackup() {
        CheckOutcome o = run(request().withEmbeddedDir(Optional.of(dir.resolve(".sluice"))));
        assertEquals(CheckStatus.PASS, o.status(), o.toString());
        assertTrue(o.message().startsWith("does not apply to the embedded development database in " + dir.resolve(".sluice") + "/"), o.message());
    }

    @Test
    void noBackupFailsUnlessTheMigrateTakesOne() {
        CheckOutcome none = run(request());
        assertEquals(CheckStatus.FAIL, none.status(), none.toString());
        assertTrue(none.message().contains("no backup in " + dir.resolve("backups")) && none.message().contains("sluice backup"), none.message());
        CheckOutcome coming = run(request().withBackupComing(true));
        assertEquals(CheckStatus.PASS, coming.status(), coming.toString());
        assertTrue(coming.message().endsWith("migrate takes one first"), coming.message());
    }

    @Test
    void aRecentFullBackupPassesAndAnOldOneFails() throws Exception {
        manifest("20261201-000000-000", Instant.now().minus(Duration.ofDays(3)));
        CheckOutcome old = run(request());
        assertEquals(CheckStatus.FAIL, old.status(), old.toString());
        assertTrue(old.message().startsWith("the newest backup 20261201-000000-000 is older than 1d"), old.message());

        manifest("20261202-000000-000", Instant.now().minus(Duration.ofHours(2)));
        CheckOutcome recent = run(request());
        assertEquals(CheckStatus.PASS, recent.status(), recent.toString());
        assertTrue(recent.message().startsWith("backup 20261202-000000-000 is ") && recent.message().endsWith("(backup-max-age 1d)"),
                recent.message());
    }

    @Test
    void aMaximumAgeOfZeroTurnsTheCheckOff() {
        CheckOutcome o = run(request().withBackupMaxAge(Duration.ZERO));
        assertEquals(CheckStatus.PASS, o.status(), o.toString());
        assertEquals("not checked (backup-max-age off)", o.message());
    }
}
