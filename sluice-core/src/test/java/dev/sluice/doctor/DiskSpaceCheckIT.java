package dev.sluice.doctor;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgresExtension.class)
class DiskSpaceCheckIT {

    @TempDir
    Path dir;

    @Test
    void roomForABackupPassesAndAnImpossibleFactorFails(TestDatabase db) {
        DoctorFixture f = DoctorFixture.on(dir, db);
        CheckOutcome room = new DiskSpaceCheck().run(f.context(f.request().withBackupSpaceFactor(0.5)));
        assertEquals(CheckStatus.PASS, room.status(), room.toString());
        assertTrue(room.message().contains(" free where backups go (" + f.backups + "), database is ")
                && room.message().endsWith("; need 0.5x that (backup-space-factor)"), room.message());
        CheckOutcome full = new DiskSpaceCheck().run(f.context(f.request().withBackupSpaceFactor(1e15)));
        assertEquals(CheckStatus.FAIL, full.status(), full.toString());
    }

    @Test
    void anUnreachableDatabaseIsNotMeasured() {
        CheckOutcome o = new DiskSpaceCheck().run(DoctorFixture.unreachable(dir).context());
        assertEquals(CheckStatus.WARN, o.status(), o.toString());
        assertEquals("not checked: database unreachable", o.message());
    }
}
