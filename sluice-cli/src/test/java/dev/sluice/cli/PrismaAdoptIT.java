package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Prisma project of eight migrations, the first half applied as Prisma Migrate applies them (each
 * migration.sql run, then its {@code _prisma_migrations} row with the SHA-256 of the file, as
 * prisma-engines creates and writes that table), then adopted, migrated, rolled back with its down.sql files,
 * migrated again, and compared with psql applying every migration.sql in lexical order.
 */
@ExtendWith(PostgresExtension.class)
class PrismaAdoptIT {

    @TempDir
    Path dir;

    private static final Map<String, String[]> MIGRATIONS = new LinkedHashMap<>();

    static {
        MIGRATIONS.put("20240101120001_init", new String[] {"""
                -- CreateTable
                CREATE TABLE "User" (
                    "id" BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL,
                    "email" TEXT NOT NULL,
                    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
                );

                -- CreateIndex
                CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
                """, "DROP TABLE \"User\";\n"});
        MIGRATIONS.put("20240101120002_posts", new String[] {"""
                -- CreateTable
                CREATE TABLE "Post" (
                    "id" BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL,
                    "title" TEXT NOT NULL,
                    "authorId" BIGINT NOT NULL,
                    CONSTRAINT "Post_pkey" PRIMARY KEY ("id"),
                    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE
                );
                """, "DROP TABLE \"Post\";\n"});
        MIGRATIONS.put("20240101120003_user_name", new String[] {"-- AlterTable\r\nALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\r\n",
                "-- sluice:ignore drop-column the column this migration added\nALTER TABLE \"User\" DROP COLUMN \"name\";\n"});
        MIGRATIONS.put("20240101120004_post_published", new String[] {
                "-- AlterTable\nALTER TABLE \"Post\" ADD COLUMN \"published\" BOOLEAN NOT NULL DEFAULT false;\n",
                "-- sluice:ignore drop-column the column this migration added\nALTER TABLE \"Post\" DROP COLUMN \"published\";\n"});
        MIGRATIONS.put("20240101120005_tags", new String[] {"""
                -- CreateTable
                CREATE TABLE "Tag" (
                    "id" BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL,
                    "label" TEXT NOT NULL,
                    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
                );
                """, "DROP TABLE \"Tag\";\n"});
        MIGRATIONS.put("20240101120006_post_tags", new String[] {"""
                -- CreateTable
                CREATE TABLE "_PostToTag" (
                    "A" BIGINT NOT NULL REFERENCES "Post"("id") ON DELETE CASCADE,
                    "B" BIGINT NOT NULL REFERENCES "Tag"("id") ON DELETE CASCADE,
                    CONSTRAINT "_PostToTag_AB_pkey" PRIMARY KEY ("A","B")
                );
                """, "DROP TABLE \"_PostToTag\";\n"});
        MIGRATIONS.put("20240101120007_post_body", new String[] {"-- AlterTable\nALTER TABLE \"Post\" ADD COLUMN \"body\" TEXT;\n",
                "-- sluice:ignore drop-column the column this migration added\nALTER TABLE \"Post\" DROP COLUMN \"body\";\n"});
        MIGRATIONS.put("20240101120008_tag_label_index", new String[] {
                "-- CreateIndex\nCREATE UNIQUE INDEX CONCURRENTLY \"Tag_label_key\" ON \"Tag\"(\"label\");\n",
                "DROP INDEX CONCURRENTLY \"Tag_label_key\";\n"});
    }

    private Path project() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("prisma/migrations"));
        Files.writeString(migrations.resolve("migration_lock.toml"), "provider = \"postgresql\"\n");
        Files.writeString(dir.resolve("prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n");
        for (Map.Entry<String, String[]> m : MIGRATIONS.entrySet()) {
            Path folder = Files.createDirectories(migrations.resolve(m.getKey()));
            Files.writeString(folder.resolve("migration.sql"), m.getValue()[0]);
            Files.writeString(folder.resolve("down.sql"), m.getValue()[1]);
        }
        return migrations;
    }

    /** What prisma migrate deploy does for the first {@code count} migrations, its table as prisma-engines creates it. */
    private static void prismaDeploy(TestDatabase db, Path migrations, int count) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
                        "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
                        "checksum"              VARCHAR(64) NOT NULL,
                        "finished_at"           TIMESTAMPTZ,
                        "migration_name"        VARCHAR(255) NOT NULL,
                        "logs"                  TEXT,
                        "rolled_back_at"        TIMESTAMPTZ,
                        "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
                        "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
                    )""");
            int i = 0;
            for (String name : MIGRATIONS.keySet()) {
                if (i++ == count) {
                    break;
                }
                byte[] bytes = Files.readAllBytes(migrations.resolve(name).resolve("migration.sql"));
                String checksum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
                s.execute(new String(bytes, StandardCharsets.UTF_8));
                try (PreparedStatement ps = c.prepareStatement("insert into \"_prisma_migrations\" (id, checksum, finished_at, "
                        + "migration_name, logs, rolled_back_at, started_at, applied_steps_count) "
                        + "values (gen_random_uuid()::text, ?, now(), ?, null, null, now(), 1)")) {
                    ps.setString(1, checksum);
                    ps.setString(2, name);
                    ps.executeUpdate();
                }
            }
        }
    }

    private CliRun sluice(TestDatabase db, String... args) {
        return CliRun.inProject(dir, db, args);
    }

    @Test
    void aProjectHalfMigratedByPrismaIsAdoptedAndMigratedOnInPlace(TestDatabase db) throws Exception {
        Path migrations = project();
        // A first attempt of the third migration failed and was marked rolled back, as 'prisma migrate resolve' does.
        db.execute("create table \"_prisma_migrations\" (\"id\" varchar(36) primary key not null, \"checksum\" varchar(64) not null, "
                + "\"finished_at\" timestamptz, \"migration_name\" varchar(255) not null, \"logs\" text, \"rolled_back_at\" timestamptz, "
                + "\"started_at\" timestamptz not null default now(), \"applied_steps_count\" integer not null default 0)");
        db.execute("insert into \"_prisma_migrations\" values ('f0000000-0000-0000-0000-000000000000', 'abc', null, "
                + "'20240101120003_user_name', 'error', now() - interval '1 hour', now() - interval '2 hours', 0)");
        prismaDeploy(db, migrations, 4);

        CliRun status = sluice(db, "status");
        assertEquals(ExitCodes.INVALID, status.exitCode(), status.toString());
        assertTrue(status.err().contains("this database is managed by Prisma: run 'sluice adopt --from prisma'"), status.err());
        assertTrue(status.err().contains("no migrations/ folder: using Prisma's prisma/migrations"), status.err());

        Path third = migrations.resolve("20240101120003_user_name/migration.sql");
        String text = Files.readString(third);
        Files.writeString(third, text.replace("TEXT", "VARCHAR(100)"));
        CliRun edited = sluice(db, "adopt", "--from", "prisma");
        assertEquals(ExitCodes.INVALID, edited.exitCode(), edited.toString());
        assertTrue(edited.err().contains("20240101120003_user_name/migration.sql: differs from what Prisma applied"), edited.err());
        Files.writeString(third, text.replace("\r\n", "\n"));

        CliRun lint = sluice(db, "lint");
        assertTrue(lint.out().contains("in 16 files"), lint.toString());

        CliRun dry = sluice(db, "adopt", "--from", "prisma", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("20240101120004_post_published/migration.sql"), dry.out());
        assertTrue(dry.out().contains("20240101120003_user_name: marked rolled back"), dry.out());
        assertFalse(db.queryForBoolean("select to_regclass('sluice_history') is not null"), "a dry run records nothing");

        CliRun adopt = sluice(db, "adopt", "--from", "prisma");
        assertEquals(0, adopt.exitCode(), adopt.toString());
        assertEquals(4L, db.queryForLong("select count(*) from sluice_history where state = 'APPLIED'"));

        CliRun adopted = sluice(db, "status");
        assertEquals(0, adopted.exitCode(), adopted.toString());
        assertTrue(adopted.out().contains("current version: 20240101120004; pending: 4"), adopted.out());
        CliRun rest = sluice(db, "migrate");
        assertEquals(0, rest.exitCode(), rest.toString());
        assertTrue(rest.out().contains("database now at version 20240101120008"), rest.out());
        CliRun back = sluice(db, "rollback", "--steps", "2");
        assertEquals(0, back.exitCode(), back.toString());
        assertFalse(db.queryForBoolean("select exists (select 1 from information_schema.columns where column_name = 'body')"));
        CliRun again = sluice(db, "migrate");
        assertEquals(0, again.exitCode(), again.toString());

        // Prisma's table stays; the comparison leaves it out.
        TestDatabase reference = db.another();
        String url = reference.jdbcUrl().replaceFirst("^jdbc:", "");
        for (String name : List.copyOf(MIGRATIONS.keySet())) {
            ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-U", reference.user(), "-d", url,
                    "-f", migrations.resolve(name).resolve("migration.sql").toString()).redirectErrorStream(true);
            if (!reference.password().isEmpty()) {
                pb.environment().put("PGPASSWORD", reference.password());
            }
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), name + ": " + output);
        }
        CliRun diff = sluice(db, "diff", db.jdbcUrl(), reference.jdbcUrl());
        assertEquals(0, diff.exitCode(), diff.toString());
    }

    @Test
    void anUnfinishedPrismaMigrationIsNamedAndNothingIsRecorded(TestDatabase db) throws Exception {
        Path migrations = project();
        prismaDeploy(db, migrations, 2);
        db.execute("update \"_prisma_migrations\" set finished_at = null, applied_steps_count = 0 "
                + "where migration_name = '20240101120002_posts'");
        CliRun adopt = sluice(db, "adopt", "--from", "prisma");
        assertEquals(ExitCodes.INVALID, adopt.exitCode(), adopt.toString());
        assertTrue(adopt.err().contains("20240101120002_posts: started under Prisma and never finished"), adopt.err());
        assertFalse(db.queryForBoolean("select to_regclass('sluice_history') is not null"));
    }
}
