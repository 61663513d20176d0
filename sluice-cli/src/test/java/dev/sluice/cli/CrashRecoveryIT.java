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

    @Test
    void killedInsideANonIdempotentAutocommitMigrationStopsForAPerson(TestDatabase db) throws Exception {
        migrations("V1__one.sql", "create table t1 (id int);\n",
                "V2__two.sql", "-- sluice:transaction off\ncreate table t2 (id int);\nselect pg_sleep(20);\n");
        migrateAndKillDuringSleep(db);

        CliRun status = sluice(db, "status");
        assertTrue(status.out().contains("RUNNING"), status.out());
        assertTrue(status.out().contains("line 2 'create table t2 (id int)'"), status.out());

        CliRun refused = sluice(db, "migrate");
        assertEquals(ExitCodes.INVALID, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("never finished") && refused.err().contains("sluice repair"), refused.err());

        db.execute("drop table t2");
        assertEquals(0, sluice(db, "repair").exitCode());
        Files.writeString(dir.resolve("migrations/V2__two.sql"), "-- sluice:transaction off\ncreate table t2 (id int);\nselect pg_sleep(0);\n");
        CliRun migrate = sluice(db, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(db.queryForBoolean("select to_regclass('t2') is not null"));
        assertTrue(new File(dir.toFile(), "child.log").exists());
    }
}
