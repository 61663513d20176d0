package dev.sluice.it;

import dev.sluice.BeforeRun;
import dev.sluice.Sluice;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.lint.LintFailedException;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineListener;
import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pre-flight or a backup gets the run's own plan, once, under the migration lock and after the lint
 * gate; so it checks or saves exactly what is about to change, and nothing is planned twice.
 */
@ExtendWith(PostgresExtension.class)
class BeforeRunIT {

    @TempDir
    Path folder;

    private static MigrationPlanRecorder recorder(TestDatabase db) {
        return new MigrationPlanRecorder(db);
    }

    /** Records each plan it is given and whether the migration lock was held by another session then. */
    private static final class MigrationPlanRecorder implements BeforeRun {
        final TestDatabase db;
        final List<MigrationPlan> plans = new ArrayList<>();
        final List<Long> advisoryLocksHeld = new ArrayList<>();

        MigrationPlanRecorder(TestDatabase db) {
            this.db = db;
        }

        @Override
        public void accept(MigrationPlan plan) throws SQLException {
            plans.add(plan);
            try {
                advisoryLocksHeld.add(db.queryForLong("select count(*) from pg_locks where locktype = 'advisory' and granted"));
            } catch (Exception e) {
                throw new SQLException(e);
            }
        }
    }

    private MigrationProject project(TestDatabase db) {
        return new MigrationProject(folder, db)
                .file("V1__a.sql", "create table a (id bigint primary key);\n")
                .file("V2__b.sql", "create table b (id bigint primary key);\n");
    }

    private static void migrate(Sluice sluice, BeforeRun beforeRun) throws SQLException {
        sluice.migrate(Optional.empty(), true, false, BackfillSettings.defaults(), MigrationListener.NONE,
                OnlineListener.NONE, beforeRun);
    }

    @Test
    void getsTheRunsPlanOnceUnderTheLock(TestDatabase db) throws Exception {
        MigrationPlanRecorder recorder = recorder(db);
        migrate(project(db).sluice(), recorder);
        assertEquals(1, recorder.plans.size());
        assertEquals(2, recorder.plans.get(0).steps().size());
        assertTrue(recorder.advisoryLocksHeld.get(0) >= 1, "the migration lock is held while it runs");
        assertEquals(2L, db.queryForLong("select count(*) from sluice_history where state = 'APPLIED'"));
    }

    @Test
    void isNotCalledWhenNothingIsPending(TestDatabase db) throws Exception {
        Sluice sluice = project(db).sluice();
        migrate(sluice, BeforeRun.NOTHING);
        MigrationPlanRecorder recorder = recorder(db);
        migrate(sluice, recorder);
        assertEquals(0, recorder.plans.size());
    }

    @Test
    void aFailureStopsTheRunBeforeAnyStatement(TestDatabase db) throws Exception {
        Sluice sluice = project(db).sluice();
        assertThrows(SQLException.class, () -> migrate(sluice, plan -> {
            throw new SQLException("backup failed");
        }));
        assertEquals(0L, db.queryForLong("select count(*) from pg_tables where tablename in ('a', 'b')"));
    }

    @Test
    void isNotCalledWhenTheLintGateBlocks(TestDatabase db) throws Exception {
        db.execute("create table big (id bigint)");
        db.execute("insert into big select g from generate_series(1, 400000) g");
        Sluice sluice = new MigrationProject(folder, db)
                .file("V1__index.sql", "create index big_id on big (id);\n").sluice();
        MigrationPlanRecorder recorder = recorder(db);
        assertThrows(LintFailedException.class, () -> migrate(sluice, recorder));
        assertEquals(0, recorder.plans.size());
    }
}
