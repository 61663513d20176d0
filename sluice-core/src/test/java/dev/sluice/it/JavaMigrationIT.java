package dev.sluice.it;

import dev.sluice.Sluice;
import dev.sluice.execution.MigrationFailedException;
import dev.sluice.execution.MigrationListener;
import dev.sluice.it.javamigrations.V1__Create_accounts;
import dev.sluice.it.javamigrations.V2__Bad_down_validation;
import dev.sluice.it.javamigrations.V2__Broken_validation;
import dev.sluice.migration.JavaMigrationSource;
import dev.sluice.migration.MigrationType;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SafeMigration classes: both validations decide whether the work stays. */
@ExtendWith(PostgresExtension.class)
class JavaMigrationIT {

    @TempDir
    Path folder;

    @Test
    void upValidateDownValidateUpAgain(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).java(V1__Create_accounts.class).sluice();
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(2L, db.queryForLong("select count(*) from accounts"));
        assertEquals(MigrationType.JAVA, sluice.history().get(0).type());
        sluice.rollback(1, Optional.empty(), MigrationListener.NONE);
        assertFalse(db.queryForBoolean("select to_regclass('accounts') is not null"));
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        assertEquals(2L, db.queryForLong("select count(*) from accounts"));
    }

    @Test
    void failingValidateUpRollsTheMigrationBack(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).java(V1__Create_accounts.class, V2__Broken_validation.class).sluice();
        MigrationFailedException e = assertThrows(MigrationFailedException.class,
                () -> sluice.migrate(Optional.empty(), MigrationListener.NONE));
        assertTrue(e.getMessage().contains("validateUp failed"), e.getMessage());
        assertTrue(e.getMessage().contains("both accounts must be frozen"), e.getMessage());
        assertFalse(db.queryForBoolean("select exists (select 1 from information_schema.columns "
                + "where table_name = 'accounts' and column_name = 'frozen')"), "the up's column is gone again");
        assertEquals(2L, db.queryForLong("select count(*) from accounts"), "V1 stays applied");
    }

    @Test
    void failingValidateDownRollsTheDownBack(TestDatabase db) throws Exception {
        Sluice sluice = new MigrationProject(folder, db).java(V1__Create_accounts.class, V2__Bad_down_validation.class).sluice();
        sluice.migrate(Optional.empty(), MigrationListener.NONE);
        MigrationFailedException e = assertThrows(MigrationFailedException.class,
                () -> sluice.rollback(1, Optional.empty(), MigrationListener.NONE));
        assertTrue(e.getMessage().contains("validateDown failed: dev.sluice.it.javamigrations.V2__Bad_down_validation: balance must be back"),
                e.getMessage());
        assertEquals("2", sluice.status().current().orElseThrow().toString(), "the failed down changed nothing");
    }

    @Test
    void scansAPackageForMigrations(TestDatabase db) {
        var found = JavaMigrationSource.scan("dev.sluice.it.javamigrations", getClass().getClassLoader()).javaMigrations();
        assertEquals(3, found.size());
    }
}
