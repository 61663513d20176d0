package dev.sluice.doctor;

import dev.sluice.execution.MigrationListener;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgresExtension.class)
class LockHoldersCheckIT {

    @TempDir
    Path dir;

    private DoctorFixture project(TestDatabase db) throws Exception {
        DoctorFixture f = DoctorFixture.on(dir, db).file("V1__Accounts.sql", "create table accounts (id int primary key);\n");
        f.sluice.migrate(Optional.empty(), MigrationListener.NONE);
        return f.file("V2__Add_name.sql", "alter table accounts add column name text;\n");
    }

    @Test
    void noHolderPassesAndNamesTheTables(TestDatabase db) throws Exception {
        CheckOutcome o = new LockHoldersCheck().run(project(db).context());
        assertEquals(CheckStatus.PASS, o.status(), o.toString());
        assertTrue(o.message().startsWith("no lock holders on ") && o.message().contains("accounts"), o.message());
    }

    @Test
    void aSessionHoldingALockOnATablePendingMigrationsTouchFails(TestDatabase db) throws Exception {
        DoctorFixture f = project(db);
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("lock table accounts in access share mode");
            CheckOutcome o = new LockHoldersCheck().run(f.context());
            assertEquals(CheckStatus.FAIL, o.status(), o.toString());
            assertTrue(o.message().startsWith("1 session hold locks on tables the pending migrations touch (")
                    && o.message().contains("accounts"), o.message());
            assertEquals(1, o.details().size(), o.toString());
            holder.rollback();
        }
    }

    @Test
    void anUnreachableDatabaseIsNotAsked() {
        CheckOutcome o = new LockHoldersCheck().run(DoctorFixture.unreachable(dir).context());
        assertEquals(CheckStatus.WARN, o.status(), o.toString());
    }
}
