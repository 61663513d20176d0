package dev.sluice.cli;

import dev.sluice.testing.InstalledPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a backup must never do, whatever happens to it: leave a table empty after a failed restore, leave
 * a dump or a password readable by others, leave pg_dump running after Sluice was killed, or let one
 * broken manifest hide every other backup.
 */
@Timeout(300)
class BackupSafetyIT {

    private static final Pattern BACKUP_ID = Pattern.compile("backup (\\d{8}-\\d{6}-\\d{3})");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    @TempDir
    Path dir;

    private static String id(String out) {
        Matcher m = BACKUP_ID.matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    private String items(int rows) throws Exception {
        String db = Pg15.newDatabase();
        Pg15.execute(db, "create table items (id int primary key, name text not null)");
        Pg15.execute(db, "insert into items select g, 'item ' || g from generate_series(1, " + rows + ") g");
        return db;
    }

    private Path backups() {
        return dir.resolve(".sluice/backups");
    }

    /** No file or folder under the backup folder that group or others may read, enter or write. */
    private void ownerOnly() throws Exception {
        assertEquals(OWNER_DIR, Files.getPosixFilePermissions(backups()), "the backup folder");
        try (Stream<Path> files = Files.list(backups())) {
            for (Path f : files.toList()) {
                assertEquals(Files.isDirectory(f) ? OWNER_DIR : OWNER_FILE, Files.getPosixFilePermissions(f), f.toString());
            }
        }
    }

    @Test
    void aFailedTableRestoreLeavesEveryRowInPlace() throws Exception {
        String db = items(4000);
        Pg15.project(dir);
        String id = id(Pg15.sluice(dir, db, "backup").out());
        // Since the backup the table gained a NOT NULL column without a default: the backup's rows cannot go back.
        Pg15.execute(db, "alter table items add column note text not null default 'n'");
        Pg15.execute(db, "alter table items alter column note drop default");

        CliRun restore = Pg15.sluice(dir, db, "restore", id, "--tables", "items", "--yes");
        assertEquals(ExitCodes.BACKUP_MISMATCH, restore.exitCode(), restore.toString());
        assertEquals(List.of("4000"), Pg15.column(db, "select count(*) from items"), "nothing changed: " + restore);
        assertTrue(restore.err().contains("rolled back") && restore.err().contains("still holds its 4000 rows")
                && restore.err().contains("note"), restore.err());
        assertFalse(restore.err().contains("Exception"), "a message, not a trace: " + restore.err());

        Pg15.execute(db, "alter table items drop column note");
        Pg15.execute(db, "delete from items where id > 100");
        CliRun again = Pg15.sluice(dir, db, "restore", id, "--tables", "items", "--yes");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("replaced the 100 rows of public.items with the 4000 rows"), again.out());
        assertEquals(List.of("4000"), Pg15.column(db, "select count(*) from items"));
    }

    @Test
    void everyFileIsOwnerOnlyAndAnOpenFolderIsClosed() throws Exception {
        String db = items(10);
        Pg15.project(dir);
        Files.createDirectories(backups(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        CliRun backup = Pg15.sluice(dir, db, "backup");
        assertEquals(0, backup.exitCode(), backup.toString());
        assertEquals(0, Pg15.sluice(dir, db, "backup", "--tables", "items").exitCode());
        ownerOnly();
        try (Stream<Path> files = Files.list(backups())) {
            assertEquals(3, files.count(), "dump and two manifests");
        }
    }

    @Test
    void oneBrokenManifestHidesNoOtherBackup() throws Exception {
        String db = items(10);
        Pg15.project(dir);
        String first = id(Pg15.sluice(dir, db, "backup").out());
        String second = id(Pg15.sluice(dir, db, "backup").out());
        Files.writeString(backups().resolve(first + ".json"), "{ not a manifest");

        CliRun list = Pg15.sluice(dir, db, "backup", "list");
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains(second), list.out());
        assertTrue(list.out().contains("broken manifest " + first + ".json"), list.out());
        CliRun json = Pg15.sluice(dir, db, "backup", "list", "--json");
        assertTrue(json.out().contains("\"id\": \"" + second + "\"") && json.out().contains("\"kind\": \"broken\""), json.out());
        CliRun prune = Pg15.sluice(dir, db, "backup", "prune");
        assertEquals(0, prune.exitCode(), prune.toString());
        assertTrue(Files.exists(backups().resolve(first + ".json")), "a broken manifest is left for a person");
    }

    @Test
    void verifyOfAnUnknownIdSaysWhereToLook() throws Exception {
        String db = items(1);
        Pg15.project(dir);
        CliRun r = Pg15.sluice(dir, db, "backup", "verify", "nosuchid");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no backup 'nosuchid'") && r.err().contains("sluice backup list"), r.err());
    }

    /**
     * Sluice killed with SIGKILL while pg_dump waits for a table lock: pg_dump dies with it, nothing in the
     * folder is readable by others meanwhile or afterwards, and the next runs delete the pgpass file and
     * the partial dump it left.
     */
    @Test
    void killedDuringABackupLeavesNoDumpRunningAndNothingReadable() throws Exception {
        String db = items(1000);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path gate = dir.resolve("go");
        Path pidFile = dir.resolve("pg_dump.pid");
        Path wrapper = bin.resolve("pg_dump");
        String real = InstalledPostgres.bin("pg_dump").toString();
        // Announces itself, waits for the test to queue a lock, then becomes the real pg_dump (same pid).
        Files.writeString(wrapper, "#!/bin/sh\n"
                + "if [ \"$1\" = \"--version\" ]; then exec '" + real + "' --version; fi\n"
                + "echo $$ > '" + pidFile + "'\n"
                + "while [ ! -e '" + gate + "' ]; do sleep 0.05; done\n"
                + "exec '" + real + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("sluice.conf"), "pg-dump = " + wrapper + "\npg-restore = "
                + InstalledPostgres.bin("pg_restore") + "\n");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SluiceCommand.class.getName(),
                "--dir", dir.toString(), "--url", Pg15.url(db), "--user", "postgres", "backup")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Connection locker = Pg15.cluster().connect(db);
        CompletableFuture<Void> lock = null;
        try {
            waitFor(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank(), child, "pg_dump never started");
            long pgDump = Long.parseLong(Files.readString(pidFile).strip());
            // Sluice's snapshot transaction holds ACCESS SHARE on items: this request queues behind it, and
            // pg_dump's own LOCK TABLE then queues behind this one.
            locker.setAutoCommit(false);
            lock = CompletableFuture.runAsync(() -> {
                try (Statement s = locker.createStatement()) {
                    s.execute("lock table items in access exclusive mode");
                } catch (Exception e) {
                    // Ended by the rollback below.
                }
            });
            waitFor(() -> !Pg15.column(db, "select 1 from pg_locks where mode = 'AccessExclusiveLock' and not granted "
                    + "and relation = 'items'::regclass").isEmpty(), child, "the lock request never queued");
            Files.createFile(gate);
            waitFor(() -> !Pg15.column(db, "select 1 from pg_stat_activity where wait_event_type = 'Lock' "
                    + "and query ilike 'LOCK TABLE%' and datname = current_database()").isEmpty(), child, "pg_dump never waited");

            Path partial;
            try (Stream<Path> files = Files.list(backups())) {
                List<Path> all = files.toList();
                partial = all.stream().filter(p -> p.getFileName().toString().endsWith(".partial")).findFirst().orElseThrow();
                assertTrue(all.stream().anyMatch(p -> p.getFileName().toString().startsWith(".pgpass-")), all.toString());
            }
            ownerOnly();

            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            waitFor(() -> ProcessHandle.of(pgDump).map(h -> !h.isAlive()).orElse(true), null,
                    "pg_dump " + pgDump + " outlived the Sluice that started it");
            locker.rollback();
            ownerOnly();
            assertTrue(Files.exists(partial), "the killed run's partial dump stays until pruned");

            CliRun list = Pg15.sluice(dir, db, "backup", "list");
            assertEquals(0, list.exitCode(), list.toString());
            assertTrue(list.out().contains("partial dump " + partial.getFileName()) && list.out().contains("killed"), list.out());
            try (Stream<Path> files = Files.list(backups())) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".pgpass-")),
                        "the next run deletes the killed run's pgpass file");
            }
            CliRun prune = Pg15.sluice(dir, db, "backup", "prune");
            assertEquals(0, prune.exitCode(), prune.toString());
            assertTrue(prune.out().contains(partial.getFileName().toString()), prune.out());
            assertFalse(Files.exists(partial));
        } finally {
            child.destroyForcibly();
            if (!locker.getAutoCommit()) {
                locker.rollback();
            }
            locker.close();
            if (lock != null) {
                lock.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls up to a minute; a bound for a hang, not a timing assertion. */
    private void waitFor(Condition condition, Process alive, String message) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            if (alive != null) {
                assertTrue(alive.isAlive(), message + ": the run ended: " + Files.readString(dir.resolve("child.log")));
            }
            assertTrue(System.nanoTime() < deadline, message);
            Thread.sleep(50);
        }
    }
}
