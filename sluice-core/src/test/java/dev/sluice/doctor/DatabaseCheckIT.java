package dev.sluice.doctor;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgresExtension.class)
class DatabaseCheckIT {

    @TempDir
    Path dir;

    @Test
    void aReachableDatabaseShowsItsVersion(TestDatabase db) throws Exception {
        DoctorContext context = DoctorFixture.on(dir, db).context();
        CheckOutcome o = new DatabaseCheck().run(context);
        assertEquals(CheckStatus.PASS, o.status(), o.toString());
        assertTrue(o.message().startsWith("reachable, PostgreSQL " + db.queryForString("show server_version").split(" ")[0]), o.message());
        assertTrue(o.message().contains(" at jdbc:postgresql:"), o.message());
        assertTrue(context.reachable());
    }

    @Test
    void anUnreachableDatabaseFailsAndTheContextKnows() {
        DoctorContext context = DoctorFixture.unreachable(dir).context();
        CheckOutcome o = new DatabaseCheck().run(context);
        assertEquals(CheckStatus.FAIL, o.status(), o.toString());
        assertTrue(o.message().startsWith("unreachable: "), o.message());
        assertFalse(context.reachable());
    }
}
