package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner killed with SIGKILL at several points, as a crash or an OOM kill would: the next status
 * says exactly where it stopped, and the next migrate carries on or says what a person must check.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(180)
class CrashRecoveryIT {

    @TempDir
    Path dir;

    private void migrations(String... nameThenText) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        for (int i = 0; i < nameThenText.length; i += 2) {
            Files.writeString(dir.resolve("migrations").resolve(nameThenText[i]), nameThenText[i + 1]);
        }
    }

    private CliRun sluice(TestDatabase db, String... args) {
        return CliRun.inProject(dir, db, args);
    }

    /** Starts `sluice migrate` in its own JVM and kills it with SIGKILL once the database runs pg_sleep. */
    private void migrateAndKillDuringSleep(TestDatabase db) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SluiceCommand.class.getName(), "--dir", dir.toString(), "migrate")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        pb.environment().put("SLUICE_URL", db.jdbcUrl());
        pb.environment().put("SLUICE_USER", db.user());
        pb.environment().put("SLUICE_PASSWORD", db.password());
        Process child = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (db.queryForLong("select count(*) from pg_stat_activity where state = 'active' "
                    + "and query like 'select pg_sleep%' and datname = current_database()") == 0) {
                assertTrue(child.isAlive(), "runner ended before reaching pg_sleep: " + Files.readString(dir.resolve("child.log")));
                assertTrue(System.nanoTime() < deadline, "runner never reached pg_sleep");
                Thread.sleep(50);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(child.isAlive());
    }

    @Test
    void killedInsideATransactionalMigrationLeavesItPending(TestDatabase db) throws Exception {
        migrations("V1__one.sql", "create table t1 (id int);\n",
                "V2__two.sql", "create table t2 (id int);\nselect pg_sleep(20);\n");
        migrateAndKillDuringSleep(db);

        CliRun status = sluice(db, "status", "--json");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("\"current\": \"1\""), status.out());
        assertTrue(status.out().contains("\"problems\": []"), status.out());

        Files.writeString(dir.resolve("migrations/V2__two.sql"), "create table t2 (id int);\nselect pg_sleep(0);\n");
        CliRun migrate = sluice(db, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertEquals(1L, db.queryForLong("select count(*) from sluice_history where version = '2' and state = 'APPLIED'"));
        assertTrue(db.queryForBoolean("select to_regclass('t2') is not null"));
    }

    @Test
    void killedInsideAnIdempotentAutocommitMigrationResumes(TestDatabase db) throws Exception {
        migrations("V1__one.sql", "create table t1 (id int);\n",
                "V2__two.sql", "-- sluice:transaction off\ncreate table if not exists t2 (id int);\nselect pg_sleep(5);\n"
                        + "create index concurrently if not exists t2_id on t2 (id);\n");
        migrateAndKillDuringSleep(db);

        CliRun status = sluice(db, "status", "--json");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("\"running\": [") && status.out().contains("\"state\": \"RUNNING\""), status.out());
        assertTrue(status.out().contains("\"problems\": []"), "resumable, so not a problem: " + status.out());

        CliRun dry = sluice(db, "migrate", "--dry-run");
        assertTrue(dry.out().contains("resume V2 two"), dry.out());
        // The file is unchanged (its checksum must match to resume), so the resumed run sleeps again.
        CliRun migrate = sluice(db, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.out().contains("resuming after an interrupted run"), migrate.out());
        assertEquals(1L, db.queryForLong("select count(*) from sluice_history where version = '2' and state = 'APPLIED'"));
        assertTrue(db.queryForBoolean("select indisvalid from pg_index where indexrelid = 't2_id'::regclass"));
    }

    /** A sleep that lasts until the test marks the database as killed, so that the resumed run is quick. */
    private static final String SLEEP_UNTIL_KILLED = "select pg_sleep(case when to_regclass('killed') is null then 20 else 0 end);\n";

    @Test
    void killedInsideAnAutocommitMigrationResumesAfterItsLastFinishedStatement(TestDatabase db) throws Exception {
        migrations("V1__one.sql", "create table t1 (id int);\n",
                "V2__two.sql", "-- sluice:transaction off\ncreate table t2 (id int);\ninsert into t2 values (1);\n" + SLEEP_UNTIL_KILLED
                        + "insert into t2 values (2);\n");
        migrateAndKillDuringSleep(db);
        db.execute("create table killed ()");

        CliRun status = sluice(db, "status", "--json");
        assertTrue(status.out().contains("\"problems\": []"), "resumable, so not a problem: " + status.out());
        CliRun migrate = sluice(db, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.out().contains("statements 1-2 had taken effect, so it goes on with statement 3"), migrate.out());
        assertEquals("1,2", db.queryForString("select string_agg(id::text, ',' order by id) from t2"), "each insert exactly once");
        assertEquals(1L, db.queryForLong("select count(*) from sluice_history where version = '2' and state = 'APPLIED'"));
    }

    @Test
    void anInterruptedMigrationWhoseFileChangedStopsForAPerson(TestDatabase db) throws Exception {
        migrations("V1__one.sql", "create table t1 (id int);\n",
                "V2__two.sql", "-- sluice:transaction off\ncreate table t2 (id int);\n" + SLEEP_UNTIL_KILLED);
        migrateAndKillDuringSleep(db);
        Files.writeString(dir.resolve("migrations/V2__two.sql"), "-- sluice:transaction off\ncreate table t2 (id int, note text);\n");

        CliRun status = sluice(db, "status");
        assertTrue(status.out().contains("RUNNING"), status.out());
        CliRun refused = sluice(db, "migrate");
        assertEquals(ExitCodes.INVALID, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("never finished") && refused.err().contains("its file changed since the interrupted run")
                && refused.err().contains("sluice repair"), refused.err());

        db.execute("drop table t2");
        assertEquals(0, sluice(db, "repair").exitCode());
        CliRun migrate = sluice(db, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(db.queryForBoolean("select count(*) = 2 from information_schema.columns where table_name = 't2'"));
    }

    @Test
    void anInterruptedConcurrentIndexBuildThatFinishedCountsAsDone(TestDatabase db) throws Exception {
        migrations("V1__one.sql", "create table t (a int);\ninsert into t select generate_series(1, 1000);\n",
                "V2__index.sql", "CREATE INDEX CONCURRENTLY t_a_idx ON t(a);\n" + SLEEP_UNTIL_KILLED);
        migrateAndKillDuringSleep(db);
        db.execute("create table killed ()");

        CliRun migrate = sluice(db, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertEquals(1L, db.queryForLong("select count(*) from sluice_history where version = '2' and state = 'APPLIED'"));
        assertTrue(db.queryForBoolean("select indisvalid from pg_index where indexrelid = 't_a_idx'::regclass"));
    }

    @Test
    void aConcurrentIndexBuildThatFinishedJustBeforeTheKillIsRecognised(TestDatabase db) throws Exception {
        migrations("V1__one.sql", "create table t (a int);\n",
                "V2__index.sql", "CREATE INDEX CONCURRENTLY t_a_idx ON t(a);\n" + SLEEP_UNTIL_KILLED);
        migrateAndKillDuringSleep(db);
        db.execute("create table killed ()");
        // The build ended on the server, but the runner died before it could count it.
        db.execute("update sluice_history set statements_done = 0 where state = 'RUNNING'");

        CliRun migrate = sluice(db, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.out().contains("index t_a_idx at line 1 exists and is valid"), migrate.out());
        assertEquals(1L, db.queryForLong("select count(*) from sluice_history where version = '2' and state = 'APPLIED'"));
        assertEquals(0L, db.queryForLong("select count(*) from pg_index where not indisvalid"));
    }

    @Test
    void aSessionEndedByTheServerExitsFourAndSaysWhatCommitted(TestDatabase db) throws Exception {
        migrations("V1__one.sql", "create table t1 (id int);\n",
                "V2__two.sql", "create table t2 (id int);\n" + SLEEP_UNTIL_KILLED);
        java.util.concurrent.CompletableFuture<CliRun> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> sluice(db, "migrate"),
                java.util.concurrent.Executors.newSingleThreadExecutor());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.queryForLong("select count(pg_terminate_backend(pid)) from pg_stat_activity where state = 'active' "
                + "and query like 'select pg_sleep%' and datname = current_database()") == 0) {
            assertTrue(System.nanoTime() < deadline, "the migration never reached pg_sleep");
            Thread.sleep(25);
        }
        CliRun migrate = run.get(60, TimeUnit.SECONDS);
        assertEquals(ExitCodes.DATABASE_UNAVAILABLE, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.err().contains("the connection to the database broke while V2 two") && migrate.err().contains("V1 one"),
                migrate.err());
        assertFalse(migrate.err().contains("This connection has been closed"), migrate.err());
    }
}
