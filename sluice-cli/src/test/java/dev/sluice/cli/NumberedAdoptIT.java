package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A project of eight numbered plain SQL files ({@code migrations/001_create_users.sql}) with their downs as
 * {@code 001_rollback.sql} or {@code 005_create_tags.down.sql} and an idempotent {@code schema.sql} beside them,
 * the first half applied the way such teams do it: psql runs each file, then a row goes into the project's
 * own {@code schema_migrations}. Adopted without naming the tool, migrated, rolled back two, migrated again, and
 * compared with psql applying all files in order; and the same project without a tracking table, adopted by
 * baseline.
 */
@ExtendWith(PostgresExtension.class)
class NumberedAdoptIT {

    @TempDir
    Path dir;

    /** file name, text: ups and downs. */
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("001_create_users.sql", "create table users (\n  id bigint generated always as identity primary key,\n"
                + "  email text not null unique\n);\n");
        FILES.put("001_rollback.sql", "drop table users;\n");
        FILES.put("002_create_accounts.sql", "create table accounts (\n  id bigint generated always as identity primary key,\n"
                + "  owner_id bigint not null references users (id),\n  balance_cents bigint not null default 0\n);\n");
        FILES.put("002_rollback.sql", "drop table accounts;\n");
        FILES.put("003_add_user_name.sql", "alter table users add column name text;\n");
        FILES.put("003_rollback.sql", "-- sluice:ignore drop-column the column 003 added\nalter table users drop column name;\n");
        FILES.put("004_index_accounts_owner.sql", "create index accounts_owner_idx on accounts (owner_id);\n");
        FILES.put("004_rollback.sql", "drop index accounts_owner_idx;\n");
        FILES.put("005_create_tags.sql", "create table tags (\n  id bigint generated always as identity primary key,\n"
                + "  label text not null unique\n);\n");
        FILES.put("005_create_tags.down.sql", "drop table tags;\n");
        FILES.put("006_create_transfers.sql", "create table transfers (\n  id bigint generated always as identity primary key,\n"
                + "  from_account bigint not null references accounts (id),\n  to_account bigint not null references accounts (id),\n"
                + "  amount_cents bigint not null check (amount_cents > 0)\n);\n");
        FILES.put("006_create_transfers.down.sql", "drop table transfers;\n");
        FILES.put("007_add_account_currency.sql", "alter table accounts add column currency text;\n");
        FILES.put("007_rollback.sql", "-- sluice:ignore drop-column the column 007 added\nalter table accounts drop column currency;\n");
        FILES.put("008_create_audit_log.sql", "create table audit_log (\n  id bigint generated always as identity primary key,\n"
                + "  at timestamptz not null default now(),\n  what text not null\n);\n");
        FILES.put("008_rollback.sql", "drop table audit_log;\n");
    }

    /** The team's idempotent script for fresh installs: the schema of all eight files. */
    private static final String SCHEMA = """
            create table if not exists users (
              id bigint generated always as identity primary key,
              email text not null unique,
              name text
            );
            create table if not exists accounts (
              id bigint generated always as identity primary key,
              owner_id bigint not null references users (id),
              balance_cents bigint not null default 0,
              currency text
            );
            create index if not exists accounts_owner_idx on accounts (owner_id);
            create table if not exists tags (
              id bigint generated always as identity primary key,
              label text not null unique
            );
            create table if not exists transfers (
              id bigint generated always as identity primary key,
              from_account bigint not null references accounts (id),
              to_account bigint not null references accounts (id),
              amount_cents bigint not null check (amount_cents > 0)
            );
            create table if not exists audit_log (
              id bigint generated always as identity primary key,
              at timestamptz not null default now(),
              what text not null
            );
            """;

    private Path project() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("migrations"));
        for (Map.Entry<String, String> f : FILES.entrySet()) {
            Files.writeString(folder.resolve(f.getKey()), f.getValue());
        }
        Files.writeString(folder.resolve("schema.sql"), SCHEMA);
        Files.writeString(dir.resolve("migrate.sh"), "#!/bin/sh\nfor f in migrations/[0-9]*_*.sql; do ...; done\n");
        return folder;
    }

    private static List<Path> ups(Path folder, int count) {
        List<Path> ups = new ArrayList<>();
        for (String name : FILES.keySet()) {
            if (!name.contains("rollback") && !name.endsWith(".down.sql") && ups.size() < count) {
                ups.add(folder.resolve(name));
            }
        }
        return ups;
    }

    /** The team's script: psql runs each file, then records its number. */
    private static void teamScript(TestDatabase db, Path folder, int count) throws Exception {
        db.execute("create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())");
        for (Path up : ups(folder, count)) {
            Psql.apply(db, List.of(up));
            db.execute("insert into schema_migrations (version) values ('" + up.getFileName().toString().substring(0, 3) + "')");
        }
    }

    private CliRun sluice(TestDatabase db, String... args) {
        return CliRun.inProject(dir, db, args);
    }

    @Test
    void aProjectWithItsOwnTrackingTableIsAdoptedAndMigratedOnInPlace(TestDatabase db) throws Exception {
        Path folder = project();
        teamScript(db, folder, 4);
        db.execute("insert into users (email, name) values ('a@example.com', 'A')");

        CliRun status = sluice(db, "status");
        assertEquals(ExitCodes.INVALID, status.exitCode(), status.toString());
        assertTrue(status.err().contains("run 'sluice adopt --from numbered'"), status.err());
        assertTrue(status.err().contains("migrations/ holds numbered SQL files"), status.err());

        CliRun lint = sluice(db, "lint");
        assertTrue(lint.out().contains("in 16 files"), lint.toString());

        db.execute("delete from schema_migrations where version = '002'");
        CliRun gap = sluice(db, "adopt");
        assertEquals(ExitCodes.INVALID, gap.exitCode(), gap.toString());
        assertTrue(gap.err().contains("002_create_accounts.sql: schema_migrations records later files but not this one"), gap.err());
        db.execute("insert into schema_migrations (version) values ('002')");

        CliRun adopt = sluice(db, "adopt");
        assertEquals(0, adopt.exitCode(), adopt.toString());
        assertTrue(adopt.out().contains("what numbered SQL files applied (public.schema_migrations)"), adopt.out());
        assertEquals(4L, db.queryForLong("select count(*) from sluice_history where state = 'APPLIED'"));
        assertEquals("003_add_user_name.sql", db.queryForString("select script from sluice_history where version = '003'"));

        CliRun adopted = sluice(db, "status");
        assertEquals(0, adopted.exitCode(), adopted.toString());
        assertTrue(adopted.out().contains("pending: 4"), adopted.out());
        CliRun rest = sluice(db, "migrate");
        assertEquals(0, rest.exitCode(), rest.toString());
        assertTrue(rest.out().contains("database now at version 008"), rest.out());
        CliRun back = sluice(db, "rollback", "--steps", "2");
        assertEquals(0, back.exitCode(), back.toString());
        assertFalse(db.queryForBoolean("select to_regclass('audit_log') is not null"));
        assertFalse(db.queryForBoolean("select exists (select 1 from information_schema.columns where column_name = 'currency')"));
        CliRun again = sluice(db, "migrate");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals("A", db.queryForString("select name from users"));

        TestDatabase reference = db.another();
        Psql.apply(reference, ups(folder, 8));
        CliRun diff = sluice(db, "diff", db.jdbcUrl(), reference.jdbcUrl());
        assertEquals(0, diff.exitCode(), diff.toString());
    }

    @Test
    void withoutATrackingTableTheProjectIsAdoptedByBaseline(TestDatabase db) throws Exception {
        Path folder = project();
        Psql.apply(db, ups(folder, 4));

        CliRun bare = sluice(db, "adopt");
        assertEquals(ExitCodes.INVALID, bare.exitCode(), bare.toString());
        assertTrue(bare.err().contains("give --version N, the number of the last file already applied"), bare.err());

        CliRun adopt = sluice(db, "adopt", "--version", "4");
        assertEquals(0, adopt.exitCode(), adopt.toString());
        assertEquals("BASELINE", db.queryForString("select type from sluice_history"));
        CliRun rest = sluice(db, "migrate");
        assertEquals(0, rest.exitCode(), rest.toString());
        assertTrue(rest.out().contains("database now at version 008"), rest.out());
        CliRun back = sluice(db, "rollback", "--steps", "2");
        assertEquals(0, back.exitCode(), back.toString());
        assertEquals(0, sluice(db, "migrate").exitCode());

        TestDatabase reference = db.another();
        Psql.apply(reference, ups(folder, 8));
        assertEquals(0, sluice(db, "diff", db.jdbcUrl(), reference.jdbcUrl()).exitCode());
    }

    @Test
    void verifyRehearsesTheFilesInPlaceAndChecksTheSchemaScriptBesideThem() throws Exception {
        project();
        CliRun judged = CliRun.run(CliRun.env(), "--dir", dir.toString(), "--require-url", "verify");
        assertEquals(ExitCodes.INVALID, judged.exitCode(), judged.toString());
        assertTrue(judged.out().contains("004_index_accounts_owner.sql:1:1: error [create-index-non-concurrently]"), judged.out());

        // Adopted mid-life: the files already applied are not judged again, as lint.start-after is meant for.
        Files.writeString(dir.resolve("sluice.conf"), "lint.start-after = 4\n");
        CliRun verify = CliRun.run(CliRun.env(), "--dir", dir.toString(), "--require-url", "verify");
        assertEquals(0, verify.exitCode(), verify.toString());
        assertTrue(verify.out().contains("[006_create_transfers.sql]"), verify.out());
        assertTrue(verify.out().contains("schema file migrations/schema.sql"), verify.out());
        assertTrue(verify.out().contains("verify passed"), verify.out());

        Files.writeString(dir.resolve("migrations/schema.sql"), SCHEMA.replace("  what text not null\n", "  what text\n"));
        CliRun differs = CliRun.run(CliRun.env(), "--dir", dir.toString(), "--require-url", "verify");
        assertEquals(ExitCodes.INVALID, differs.exitCode(), differs.toString());
        assertTrue(differs.out().contains("schema.sql gives another schema than the migrations"), differs.out());
    }
}
