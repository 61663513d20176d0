package dev.sluice.doctor;

import dev.sluice.execution.MigrationListener;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgresExtension.class)
class PendingCheckIT {

    @TempDir
    Path dir;

    @Test
    void eachPendingMigrationIsListedWithHowItRunsAndItsLint(TestDatabase db) throws Exception {
        DoctorFixture f = DoctorFixture.on(dir, db).file("V1__Accounts.sql", "create table accounts (id int primary key);\n");
        f.sluice.migrate(Optional.empty(), MigrationListener.NONE);
        f.file("V2__Add_name.sql", "alter table accounts add column name text;\n");
        CheckOutcome o = new PendingCheck().run(f.context());
        assertEquals(CheckStatus.PASS, o.status(), o.toString());
        assertEquals("1 pending migration", o.message());
        assertEquals(1, o.details().size(), o.toString());
        assertTrue(o.details().get(0).contains("[V2__Add_name.sql]  in one transaction; lint ok"), o.toString());
    }

    @Test
    void aLintErrorFailsTheCheckSinceMigrateWouldStop(TestDatabase db) throws Exception {
        DoctorFixture f = DoctorFixture.on(dir, db).file("V1__Accounts.sql", "create table accounts (id int primary key, email text);\n");
        f.sluice.migrate(Optional.empty(), MigrationListener.NONE);
        f.file("V2__Index_email.sql", "create index accounts_email on accounts (email);\n");
        CheckOutcome o = new PendingCheck().run(f.context());
        assertEquals(CheckStatus.FAIL, o.status(), o.toString());
        assertEquals("1 pending migration; the lint would stop migrate (see sluice lint)", o.message());
        assertTrue(o.details().get(0).contains("[create-index-non-concurrently]"), o.toString());
    }

    @Test
    void nothingPendingPassesAndBrokenInputsAreNotListed(TestDatabase db) throws Exception {
        DoctorFixture f = DoctorFixture.on(dir, db).file("V1__Accounts.sql", "create table accounts (id int primary key);\n");
        f.sluice.migrate(Optional.empty(), MigrationListener.NONE);
        CheckOutcome none = new PendingCheck().run(f.context());
        assertEquals(CheckStatus.PASS, none.status(), none.toString());
        assertEquals("no pending migration", none.message());

        f.file("V1__Same_version.sql", "select 1;\n");
        CheckOutcome invalid = new PendingCheck().run(f.context());
        assertEquals(CheckStatus.WARN, invalid.status(), invalid.toString());
        assertEquals("not listed: the migrations are not valid", invalid.message());

        CheckOutcome unreachable = new PendingCheck().run(DoctorFixture.unreachable(dir.resolve("other")).context());
        assertEquals("not listed: database unreachable", unreachable.message());
    }
}
