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
class MigrationsCheckIT {

    @TempDir
    Path dir;

    @Test
    void filesThatAgreeWithTheHistoryPassAndThePlanIsKept(TestDatabase db) throws Exception {
        DoctorFixture f = DoctorFixture.on(dir, db).file("V1__One.sql", "create table one (id int);\n");
        f.sluice.migrate(Optional.empty(), MigrationListener.NONE);
        f.file("V2__Two.sql", "create table two (id int);\n");
        DoctorContext context = f.context();
        CheckOutcome o = new MigrationsCheck().run(context);
        assertEquals(CheckStatus.PASS, o.status(), o.toString());
        assertEquals("files and history agree (checksums, order, no duplicates)", o.message());
        assertEquals(1, context.plan().orElseThrow().steps().size());
    }

    @Test
    void anEditedAppliedFileFails(TestDatabase db) throws Exception {
        DoctorFixture f = DoctorFixture.on(dir, db).file("V1__One.sql", "create table one (id int);\n");
        f.sluice.migrate(Optional.empty(), MigrationListener.NONE);
        f.file("V1__One.sql", "create table one (id bigint);\n");
        DoctorContext context = f.context();
        CheckOutcome o = new MigrationsCheck().run(context);
        assertEquals(CheckStatus.FAIL, o.status(), o.toString());
        assertEquals("1 problem between files and history", o.message());
        assertEquals(1, o.details().size(), o.toString());
        assertTrue(context.plan().isEmpty());
    }

    @Test
    void duplicateVersionsFailEvenWhenTheDatabaseIsUnreachable() {
        DoctorFixture f = DoctorFixture.unreachable(dir).file("V1__One.sql", "select 1;\n").file("V1__Same_version.sql", "select 2;\n");
        CheckOutcome o = new MigrationsCheck().run(f.context());
        assertEquals(CheckStatus.FAIL, o.status(), o.toString());
        assertTrue(o.message().startsWith("invalid: "), o.message());
    }

    @Test
    void withTheDatabaseUnreachableOnlyTheFilesAreChecked() {
        DoctorFixture f = DoctorFixture.unreachable(dir).file("V1__One.sql", "select 1;\n");
        CheckOutcome o = new MigrationsCheck().run(f.context());
        assertEquals(CheckStatus.PASS, o.status(), o.toString());
        assertEquals("files resolve; history not checked (database unreachable)", o.message());
    }
}
