package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.doctor.CheckResult;
import dev.sluice.doctor.CheckStatus;
import dev.sluice.doctor.Doctor;
import dev.sluice.doctor.DoctorCheck;
import dev.sluice.doctor.DoctorReport;
import dev.sluice.doctor.DoctorRequest;
import dev.sluice.execution.MigrationListener;
import dev.sluice.migration.Version;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checklist through the facade, as an embedder calls it: no command line involved. */
@ExtendWith(PostgresExtension.class)
class DoctorApiIT {

    @TempDir
    Path dir;

    @Test
    void theFacadeRunsEveryCheckInOrderAndReportsTheTarget(TestDatabase db) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        MigrationProject project = new MigrationProject(migrations, db)
                .file("V1__Accounts.sql", "create table accounts (id int primary key);\n")
                .file("V2__Add_name.sql", "alter table accounts add column name text;\n");
        Sluice sluice = project.sluice();
        sluice.migrate(Optional.of(Version.parse("1")), MigrationListener.NONE);

        DoctorReport report = sluice.doctor(DoctorRequest.of(migrations, dir.resolve("backups")).withBackupComing(true));
        assertEquals(Doctor.checks().stream().map(DoctorCheck::id).toList(), report.checks().stream().map(CheckResult::id).toList());
        assertTrue(report.target().startsWith("jdbc:postgresql:"), report.target());
        assertEquals(CheckStatus.PASS, report.check("database").orElseThrow().status());
        assertEquals("1 pending migration", report.check("pending").orElseThrow().outcome().message());
        assertEquals(CheckStatus.PASS, report.check("backup").orElseThrow().status(), "a backup comes with the migrate");
        assertEquals(CheckStatus.WARN, report.check("git").orElseThrow().status(), "not a checkout");
        assertTrue(report.ok(), report.toString());

        DoctorReport noBackup = sluice.doctor(DoctorRequest.of(migrations, dir.resolve("backups")).withTarget(Optional.of(Version.parse("1"))));
        assertEquals("no pending migration", noBackup.check("pending").orElseThrow().outcome().message());
        assertEquals(CheckStatus.FAIL, noBackup.check("backup").orElseThrow().status());
        assertFalse(noBackup.ok());
    }
}
