package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backups through their whole life on a real server of the installed major: back up, change, restore,
 * data back; verification that catches a corrupted file and a restore that differs from the manifest;
 * table copies before a destructive migration, put back afterwards.
 */
class BackupIT {

    private static final Pattern BACKUP_ID = Pattern.compile("backup (\\d{8}-\\d{6}-\\d{3})");
    private static final Pattern TABLE_BACKUP_ID = Pattern.compile("table backup (\\d{8}-\\d{6}-\\d{3}-tables)");

    @TempDir
    Path dir;

    private static String id(Pattern p, String out) {
        Matcher m = p.matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    private String seeded() throws Exception {
        String db = Pg15.newDatabase();
        Pg15.execute(db, "create table accounts (id int primary key, email text not null)");
        Pg15.execute(db, "insert into accounts select g, 'user' || g || '@example.com' from generate_series(1, 50) g");
        Pg15.execute(db, "create index accounts_email on accounts (email)");
        return db;
    }

    @Test
    void restoreNamesTablesCreatedAfterTheBackupThatItLeavesInPlace() throws Exception {
        String db = seeded();
        Pg15.project(dir);
        String id = id(BACKUP_ID, Pg15.sluice(dir, db, "backup").out());
        Pg15.execute(db, "create table added_later (id int)");
        Pg15.execute(db, "delete from accounts");
        CliRun restore = Pg15.sluice(dir, db, "restore", id, "--yes");
        assertEquals(ExitCodes.BACKUP_MISMATCH, restore.exitCode(), restore.toString());
        String all = restore.out() + restore.err();
        assertTrue(all.contains("public.added_later: present, but not in the backup"), all);
        assertTrue(all.contains("drop them by hand if they should go"), all);
        assertEquals(List.of("50"), Pg15.column(db, "select count(*) from accounts"), "the backup's rows are back");
    }

    @Test
    void backupChangeRestoreBringsTheDataBack() throws Exception {
        String db = seeded();
        Pg15.project(dir);
        CliRun backup = Pg15.sluice(dir, db, "backup");
        assertEquals(0, backup.exitCode(), backup.toString());
        String id = id(BACKUP_ID, backup.out());
        Path manifest = dir.resolve(".sluice/backups/" + id + ".json");
        String json = Files.readString(manifest);
        for (String field : List.of("\"id\"", "\"database\"", "\"serverVersion\"", "\"createdAt\"", "\"sizeBytes\"",
                "\"sha256\"", "\"schemaFingerprint\"", "\"lastMigration\"", "\"public.accounts\": 50")) {
            assertTrue(json.contains(field), field + " in " + json);
        }
        assertTrue(Files.size(dir.resolve(".sluice/backups/" + id + ".dump")) > 0);

        Pg15.execute(db, "delete from accounts where id > 10");
        Pg15.execute(db, "update accounts set email = 'changed'");

        CliRun refused = Pg15.sluice(dir, db, "restore", id);
        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("restore refused") && refused.err().contains("'" + db + "'")
                && refused.err().contains("--yes"), refused.err());
        assertEquals(List.of("10"), Pg15.column(db, "select count(*) from accounts"), "nothing restored without --yes");

        CliRun restore = Pg15.sluice(dir, db, "restore", id, "--yes");
        assertEquals(0, restore.exitCode(), restore.toString());
        assertTrue(restore.out().contains("safety backup"), restore.out());
        assertEquals(List.of("50"), Pg15.column(db, "select count(*) from accounts"));
        assertEquals(List.of("user7@example.com"), Pg15.column(db, "select email from accounts where id = 7"));
        assertEquals(List.of("accounts_email"), Pg15.column(db, "select indexname from pg_indexes where indexname = 'accounts_email'"));

        CliRun list = Pg15.sluice(dir, db, "backup", "list");
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains(id) && list.out().contains("safety backup before restoring " + id), list.out());
    }

    @Test
    void verifyPassesThenCatchesACorruptedFile() throws Exception {
        String db = seeded();
        Pg15.project(dir);
        String id = id(BACKUP_ID, Pg15.sluice(dir, db, "backup").out());
        CliRun ok = Pg15.sluice(dir, db, "backup", "verify", id);
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(ok.out().contains("schema fingerprint matches") && ok.out().contains("row counts match"), ok.out());

        Path dump = dir.resolve(".sluice/backups/" + id + ".dump");
        byte[] bytes = Files.readAllBytes(dump);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(dump, bytes);
        CliRun bad = Pg15.sluice(dir, db, "backup", "verify", id);
        assertEquals(ExitCodes.BACKUP_MISMATCH, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("corrupted") && bad.err().contains("sha256"), bad.err());

        CliRun restore = Pg15.sluice(dir, db, "restore", id, "--yes");
        assertEquals(ExitCodes.BACKUP_MISMATCH, restore.exitCode(), "a corrupted backup is never restored: " + restore);
    }

    @Test
    void verifyCatchesRowCountsThatDifferFromTheManifest() throws Exception {
        String db = seeded();
        Pg15.project(dir);
        String id = id(BACKUP_ID, Pg15.sluice(dir, db, "backup").out());
        Path manifest = dir.resolve(".sluice/backups/" + id + ".json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"public.accounts\": 50", "\"public.accounts\": 51"));
        CliRun bad = Pg15.sluice(dir, db, "backup", "verify", id);
        assertEquals(ExitCodes.BACKUP_MISMATCH, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("public.accounts: 50 rows, the manifest says 51"), bad.err());
    }

    @Test
    void migrateBackupCopiesTablesADestructiveMigrationEmptiesAndRestoreBringsThemBack() throws Exception {
        String db = seeded();
        Pg15.project(dir);
        Pg15.execute(db, "create table audit (id int, note text)");
        Pg15.execute(db, "insert into audit values (1, 'a'), (2, 'b')");
        Files.writeString(dir.resolve("migrations/V1__Noop.sql"), "select 1;\n");
        CliRun first = Pg15.sluice(dir, db, "migrate", "--backup");
        assertEquals(0, first.exitCode(), first.toString());
        assertFalse(first.out().contains("table backup"), "V1 destroys nothing: " + first.out());
        CliRun nothing = Pg15.sluice(dir, db, "migrate", "--backup");
        assertTrue(nothing.out().contains("backup skipped: no pending migration"), nothing.toString());

        Files.writeString(dir.resolve("migrations/V2__Purge.sql"), "delete from accounts;\n"
                + "-- sluice:ignore drop-table audit is retired; migrate --backup copies it first\ndrop table audit;\n");
        CliRun migrate = Pg15.sluice(dir, db, "migrate", "--backup");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        String tablesId = id(TABLE_BACKUP_ID, migrate.out());
        assertTrue(migrate.out().indexOf("backup ") < migrate.out().indexOf("applied"), "backup before migrating: " + migrate.out());
        assertTrue(migrate.out().contains("public.accounts -> sluice_backup.accounts__") && migrate.out().contains("(50 rows)"),
                migrate.out());
        String fullId = id(BACKUP_ID, migrate.out());
        assertTrue(Files.readString(dir.resolve(".sluice/backups/" + fullId + ".json")).contains("\"lastMigration\": \"1\""));
        assertEquals(List.of("0"), Pg15.column(db, "select count(*) from accounts"));

        CliRun verify = Pg15.sluice(dir, db, "backup", "verify", tablesId);
        assertEquals(0, verify.exitCode(), verify.toString());

        CliRun restore = Pg15.sluice(dir, db, "restore", tablesId, "--yes");
        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(List.of("50"), Pg15.column(db, "select count(*) from accounts"));
        assertEquals(List.of("2"), Pg15.column(db, "select count(*) from audit"));
        assertTrue(restore.out().contains("re-created public.audit"), restore.out());
        assertEquals(List.of("user3@example.com"), Pg15.column(db, "select email from accounts where id = 3"));
    }

    @Test
    void migrateBackupReadsAHundredKilobyteLiteralAndCopiesOnlyWhatIsDestroyed() throws Exception {
        String db = seeded();
        Pg15.project(dir);
        Pg15.execute(db, "create table notes (id int, body text)");
        String literal = "it''s ".repeat(20_000);
        Files.writeString(dir.resolve("migrations/V1__Big_note.sql"), "insert into notes values (1, '" + literal + "');\n"
                + "delete from accounts where id > 40;\n");
        CliRun migrate = Pg15.sluice(dir, db, "migrate", "--backup");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertFalse(migrate.out().contains("table backup"), "nothing is dropped or emptied: " + migrate.out());
        assertEquals(List.of("100000"), Pg15.column(db, "select length(body) from notes"));

        Files.writeString(dir.resolve("migrations/V2__Wipe.sql"), "update notes set body = '" + literal + "';\n");
        CliRun wipe = Pg15.sluice(dir, db, "migrate", "--backup");
        assertEquals(0, wipe.exitCode(), wipe.toString());
        assertTrue(wipe.out().contains("public.notes -> sluice_backup.notes__"), wipe.out());
    }

    @Test
    void backupTablesByHandAndRestoreOneOfThem() throws Exception {
        String db = seeded();
        Pg15.project(dir);
        CliRun copy = Pg15.sluice(dir, db, "backup", "--tables", "accounts");
        assertEquals(0, copy.exitCode(), copy.toString());
        String id = id(TABLE_BACKUP_ID, copy.out());
        Pg15.execute(db, "update accounts set email = 'x'");
        CliRun restore = Pg15.sluice(dir, db, "restore", id, "--tables", "accounts", "--yes");
        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(List.of("0"), Pg15.column(db, "select count(*) from accounts where email = 'x'"));
    }

    @Test
    void oneTableFromAFullBackupAndVerifyOnAScratchServer() throws Exception {
        String db = seeded();
        Pg15.execute(db, "create table other (id int)");
        Pg15.execute(db, "insert into other values (1)");
        Pg15.project(dir);
        String id = id(BACKUP_ID, Pg15.sluice(dir, db, "backup").out());

        CliRun verify = Pg15.sluice(dir, db, "backup", "verify", "latest", "--scratch-url", Pg15.url("postgres"));
        assertEquals(0, verify.exitCode(), verify.toString());
        assertTrue(verify.out().contains("restored into database sluice_verify_"), verify.out());
        assertEquals(List.of(), Pg15.column("postgres", "select datname from pg_database where datname like 'sluice_verify_%'"),
                "scratch database dropped");

        Pg15.execute(db, "delete from accounts where id <= 20");
        Pg15.execute(db, "insert into other values (2)");
        CliRun restore = Pg15.sluice(dir, db, "restore", id, "--tables", "accounts", "--yes");
        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(List.of("50"), Pg15.column(db, "select count(*) from accounts"));
        assertEquals(List.of("2"), Pg15.column(db, "select count(*) from other"), "only the named table is restored");

        CliRun list = Pg15.sluice(dir, db, "backup", "list", "--json");
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("\"id\": \"" + id + "\"") && list.out().contains("\"kind\": \"full\""), list.out());
    }

    @Test
    void retentionKeepsTheNewestBackups() throws Exception {
        String db = seeded();
        Pg15.project(dir, "backup-keep = 2");
        for (int i = 0; i < 3; i++) {
            CliRun r = Pg15.sluice(dir, db, "backup");
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(i == 2, r.out().contains("pruned backup"), r.out());
        }
        try (Stream<Path> files = Files.list(dir.resolve(".sluice/backups"))) {
            assertEquals(4, files.count(), "two backups, each a dump and a manifest");
        }
    }

    @Test
    void passwordReachesPgDumpWithoutTheCommandLineOrOutput() throws Exception {
        String password = "S3cret-Backup:pw";
        Path hba = Pg15.cluster().dataDir().resolve("pg_hba.conf");
        String rules = Files.readString(hba);
        String rule = "host all backup_app 127.0.0.1/32 scram-sha-256\n";
        if (!rules.startsWith(rule)) {
            Files.writeString(hba, rule + rules);
        }
        String db = Pg15.newDatabase();
        Pg15.execute("postgres", "create role backup_app login password '" + password.replace("'", "''") + "'");
        Pg15.execute("postgres", "alter database " + db + " owner to backup_app");
        Pg15.execute("postgres", "select pg_reload_conf()");
        try {
            Pg15.project(dir);
            Pg15.execute(db, "create table notes (id int)");
            Pg15.execute(db, "alter table notes owner to backup_app");
            CliRun r = CliRun.run(CliRun.env("SLUICE_PASSWORD", password), "--dir", dir.toString(), "--url", Pg15.url(db),
                    "--user", "backup_app", "backup");
            assertEquals(0, r.exitCode(), r.toString());
            assertFalse(r.out().contains(password) || r.err().contains(password), r.toString());
            String id = id(BACKUP_ID, r.out());
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(".sluice/backups/" + id + ".dump"))));
            CliRun wrong = CliRun.run(CliRun.env("SLUICE_PASSWORD", "wrong-one"), "--dir", dir.toString(), "--url",
                    Pg15.url(db), "--user", "backup_app", "backup");
            assertTrue(wrong.exitCode() != 0, wrong.toString());
        } finally {
            Pg15.execute("postgres", "drop database " + db + " with (force)");
            Pg15.execute("postgres", "drop role backup_app");
        }
    }

    /** A password in the URL whose ';' once ended the mask early: status, doctor and backup show none of it. */
    @Test
    void aPasswordInTheUrlReachesNoOutputAndNoManifest() throws Exception {
        String password = "Sekr;t-9911";
        Path hba = Pg15.cluster().dataDir().resolve("pg_hba.conf");
        String rules = Files.readString(hba);
        String rule = "host all url_app 127.0.0.1/32 scram-sha-256\n";
        if (!rules.startsWith(rule)) {
            Files.writeString(hba, rule + rules);
        }
        String db = Pg15.newDatabase();
        Pg15.execute("postgres", "create role url_app login password '" + password + "'");
        Pg15.execute("postgres", "alter database " + db + " owner to url_app");
        Pg15.execute("postgres", "select pg_reload_conf()");
        try {
            Pg15.project(dir);
            String url = Pg15.url(db) + "?user=url_app&password=" + password;
            StringBuilder all = new StringBuilder();
            for (String[] verb : List.of(new String[]{"status"}, new String[]{"doctor"}, new String[]{"backup"})) {
                List<String> args = new java.util.ArrayList<>(List.of("--dir", dir.toString(), "--url", url));
                args.addAll(List.of(verb));
                CliRun r = CliRun.run(CliRun.env(), args.toArray(new String[0]));
                assertTrue(r.exitCode() == 0 || verb[0].equals("doctor"), r.toString());
                all.append(r.out()).append(r.err());
            }
            assertTrue(all.toString().contains("password=****"), all.toString());
            String id = id(BACKUP_ID, all.toString());
            all.append(Files.readString(dir.resolve(".sluice/backups/" + id + ".json")));
            for (String part : List.of("Sekr", ";t-", "9911")) {
                assertFalse(all.toString().contains(part), part + " in " + all);
            }
        } finally {
            Pg15.execute("postgres", "drop database " + db + " with (force)");
            Pg15.execute("postgres", "drop role url_app");
        }
    }

    @Test
    @ExtendWith(PostgresExtension.class)
    void anOlderPgDumpIsRefusedWithTheVersionNeeded(TestDatabase newer) throws Exception {
        Pg15.project(dir);
        CliRun r = CliRun.run("--dir", dir.toString(), "--url", newer.jdbcUrl(), "--user", newer.user(), "backup");
        assertEquals(ExitCodes.INTERNAL, r.exitCode(), r.toString());
        assertTrue(r.err().contains("pg_dump 17 or newer is needed"), r.err());
    }
}
