package dev.sluice.doctor;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The test cluster is a primary without replicas; a standby would need a second cluster, left to the CLI's manual checks. */
@ExtendWith(PostgresExtension.class)
class ReplicationCheckIT {

    @TempDir
    Path dir;

    @Test
    void aPrimaryWithoutReplicasPasses(TestDatabase db) {
        CheckOutcome o = new ReplicationCheck().run(DoctorFixture.on(dir, db).context());
        assertEquals(CheckStatus.PASS, o.status(), o.toString());
        assertEquals("no replicas", o.message());
    }

    @Test
    void anUnreachableDatabaseIsNotAsked() {
        CheckOutcome o = new ReplicationCheck().run(DoctorFixture.unreachable(dir).context());
        assertEquals(CheckStatus.WARN, o.status(), o.toString());
        assertEquals("not checked: database unreachable", o.message());
    }
}
