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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Drizzle project of eight migrations as drizzle-kit writes them ({@code drizzle/NNNN_tag.sql} with
 * {@code --> statement-breakpoint} separators, {@code meta/_journal.json}), the first half applied as
 * Drizzle's migrator applies them (its {@code drizzle.__drizzle_migrations} table, each file's parts run in
 * turn, a row of the file's SHA-256 and the journal entry's {@code when}), then adopted without naming the
 * tool, migrated, rolled back two with {@code .down.sql} files, migrated again, and compared with a plain JDBC
 * run of every file in journal order. Drizzle's table stays: diff and drift leave it out.
 */
@ExtendWith(PostgresExtension.class)
class DrizzleAdoptIT {

    @TempDir
    Path dir;

    private static final long FIRST_WHEN = 1718000000000L;

    /** tag, up, down. */
    private static final Map<String, String[]> MIGRATIONS = new LinkedHashMap<>();

    static {
        MIGRATIONS.put("0000_steady_wolverine", new String[] {"""
                CREATE TABLE IF NOT EXISTS "users" (
                \t"id" serial PRIMARY KEY NOT NULL,
                \t"email" text NOT NULL,
                \t"created_at" timestamp DEFAULT now() NOT NULL,
                \tCONSTRAINT "users_email_unique" UNIQUE("email")
                );
                """, "DROP TABLE \"users\";\n"});
        MIGRATIONS.put("0001_bright_storm", new String[] {"""
                CREATE TABLE IF NOT EXISTS "posts" (
                \t"id" serial PRIMARY KEY NOT NULL,
                \t"author_id" integer NOT NULL,
                \t"title" text NOT NULL
                );
                --> statement-breakpoint
                DO $$ BEGIN
                 ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
                EXCEPTION
                 WHEN duplicate_object THEN null;
                END $$;
                """, "DROP TABLE \"posts\";\n"});
        MIGRATIONS.put("0002_quiet_falcon", new String[] {
                "ALTER TABLE \"users\" ADD COLUMN \"name\" text;--> statement-breakpoint\n"
                        + "CREATE INDEX IF NOT EXISTS \"posts_author_idx\" ON \"posts\" USING btree (\"author_id\");",
                "DROP INDEX \"posts_author_idx\";\n-- sluice:ignore drop-column the column this migration added\n"
                        + "ALTER TABLE \"users\" DROP COLUMN \"name\";\n"});
        MIGRATIONS.put("0003_custom_seed_roles", new String[] {
                // A custom migration whose first statement has no semicolon before the breakpoint, as Drizzle allows.
                "CREATE TABLE \"roles\" (\"id\" serial PRIMARY KEY, \"label\" text NOT NULL)\n--> statement-breakpoint\n"
                        + "INSERT INTO \"roles\" (\"label\") VALUES ('admin'), ('editor');\n",
                "DROP TABLE \"roles\";\n"});
        MIGRATIONS.put("0004_green_comet", new String[] {"""
                CREATE TABLE IF NOT EXISTS "comments" (
                \t"id" serial PRIMARY KEY NOT NULL,
                \t"post_id" integer NOT NULL REFERENCES "posts"("id") ON DELETE cascade,
                \t"body" text NOT NULL
                );
                """, "DROP TABLE \"comments\";\n"});
        MIGRATIONS.put("0005_calm_harbor", new String[] {
                "ALTER TABLE \"posts\" ADD COLUMN \"published_at\" timestamp;",
                "-- sluice:ignore drop-column the column this migration added\nALTER TABLE \"posts\" DROP COLUMN \"published_at\";\n"});
        MIGRATIONS.put("0006_tidy_meadow", new String[] {"""
                CREATE TABLE IF NOT EXISTS "tags" (
                \t"id" serial PRIMARY KEY NOT NULL,
                \t"label" text NOT NULL
                );
                --> statement-breakpoint
                CREATE TABLE IF NOT EXISTS "post_tags" (
                \t"post_id" integer NOT NULL REFERENCES "posts"("id"),
                \t"tag_id" integer NOT NULL REFERENCES "tags"("id"),
                \tCONSTRAINT "post_tags_pk" PRIMARY KEY("post_id","tag_id")
                );
                """, "DROP TABLE \"post_tags\";\nDROP TABLE \"tags\";\n"});
        MIGRATIONS.put("0007_swift_river", new String[] {
                "ALTER TABLE \"comments\" ADD COLUMN \"author_id\" integer REFERENCES \"users\"(\"id\");",
                "-- sluice:ignore drop-column the column this migration added\nALTER TABLE \"comments\" DROP COLUMN \"author_id\";\n"});
    }

    private Path project() throws Exception {
        Files.writeString(dir.resolve("drizzle.config.ts"), "import { defineConfig } from 'drizzle-kit';\n"
                + "export default defineConfig({ dialect: 'postgresql', schema: './src/schema.ts', out: './drizzle' });\n");
        Path drizzle = Files.createDirectories(dir.resolve("drizzle/meta"));
        StringBuilder journal = new StringBuilder("{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [\n");
        int idx = 0;
        for (Map.Entry<String, String[]> m : MIGRATIONS.entrySet()) {
            Files.writeString(dir.resolve("drizzle").resolve(m.getKey() + ".sql"), m.getValue()[0]);
            Files.writeString(dir.resolve("drizzle").resolve(m.getKey() + ".down.sql"), m.getValue()[1]);
            Files.writeString(drizzle.resolve(String.format("%04d_snapshot.json", idx)), "{\"version\": \"7\", \"dialect\": \"postgresql\"}\n");
            journal.append(idx == 0 ? "" : ",\n").append("    {\n      \"idx\": ").append(idx)
                    .append(",\n      \"version\": \"7\",\n      \"when\": ").append(when(idx))
                    .append(",\n      \"tag\": \"").append(m.getKey()).append("\",\n      \"breakpoints\": true\n    }");
            idx++;
        }
        journal.append("\n  ]\n}");
        Files.writeString(drizzle.resolve("_journal.json"), journal.toString());
        return dir.resolve("drizzle");
    }

    private static long when(int idx) {
        return FIRST_WHEN + idx * 86_400_000L + 1234;
    }

    /**
     * What drizzle-orm's migrator does for the first {@code count} journal entries: the schema and table as it
     * creates them, each file split at the breakpoints and its parts run in one transaction, then its row.
     */
    private static void drizzleMigrate(TestDatabase db, Path folder, int count) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS \"drizzle\"");
            s.execute("CREATE TABLE IF NOT EXISTS \"drizzle\".\"__drizzle_migrations\" (\n\t\t\tid SERIAL PRIMARY KEY,\n"
                    + "\t\t\thash text NOT NULL,\n\t\t\tcreated_at bigint\n\t\t)");
            c.setAutoCommit(false);
            int idx = 0;
            for (String tag : MIGRATIONS.keySet()) {
                if (idx == count) {
                    break;
                }
                byte[] bytes = Files.readAllBytes(folder.resolve(tag + ".sql"));
                String query = new String(bytes, StandardCharsets.UTF_8);
                for (String part : query.split("--> statement-breakpoint")) {
                    s.execute(part);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into \"drizzle\".\"__drizzle_migrations\" (\"hash\", \"created_at\") values(?, ?)")) {
                    ps.setString(1, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
                    ps.setLong(2, when(idx));
                    ps.executeUpdate();
                }
                idx++;
            }
            c.commit();
        }
    }

    private CliRun sluice(TestDatabase db, String... args) {
        return CliRun.inProject(dir, db, args);
    }

    @Test
    void aProjectHalfMigratedByDrizzleIsAdoptedAndMigratedOnInPlace(TestDatabase db) throws Exception {
        Path folder = project();
        drizzleMigrate(db, folder, 4);
        db.execute("insert into users (email, name) values ('a@example.com', 'A')");

        CliRun status = sluice(db, "status");
        assertEquals(ExitCodes.INVALID, status.exitCode(), status.toString());
        assertTrue(status.err().contains("this database is managed by Drizzle: run 'sluice adopt --from drizzle'"), status.err());
        assertTrue(status.err().contains("using Drizzle's drizzle/ and its journal"), status.err());
        CliRun migrate = sluice(db, "migrate");
        assertEquals(ExitCodes.INVALID, migrate.exitCode(), migrate.toString());
        assertFalse(db.queryForBoolean("select to_regclass('sluice_history') is not null"), "a refused migrate writes nothing");

        CliRun lint = sluice(db, "lint");
        assertTrue(lint.out().contains("in 16 files"), lint.toString());

        Path second = folder.resolve("0001_bright_storm.sql");
        String text = Files.readString(second);
        Files.writeString(second, text.replace("\"title\" text", "\"title\" varchar(200)"));
        CliRun edited = sluice(db, "adopt");
        assertEquals(ExitCodes.INVALID, edited.exitCode(), edited.toString());
        assertTrue(edited.err().contains("0001_bright_storm.sql: differs from what Drizzle applied"), edited.err());
        Files.writeString(second, text);

        CliRun dry = sluice(db, "adopt", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("what Drizzle applied (drizzle.__drizzle_migrations)"), dry.out());
        assertTrue(dry.out().contains("0003_custom_seed_roles.sql"), dry.out());
        assertFalse(dry.out().contains("0004_green_comet.sql"), dry.out());
        assertFalse(db.queryForBoolean("select to_regclass('sluice_history') is not null"), "a dry run records nothing");

        CliRun adopt = sluice(db, "adopt");
        assertEquals(0, adopt.exitCode(), adopt.toString());
        assertEquals(4L, db.queryForLong("select count(*) from sluice_history where state = 'APPLIED' and installed_by = 'drizzle'"));
        assertEquals("0002_quiet_falcon.sql", db.queryForString("select script from sluice_history where version = '2'"));

        CliRun adopted = sluice(db, "status");
        assertEquals(0, adopted.exitCode(), adopted.toString());
        assertTrue(adopted.out().contains("current version: 3; pending: 4"), adopted.out());
        CliRun rest = sluice(db, "migrate");
        assertEquals(0, rest.exitCode(), rest.toString());
        assertTrue(rest.out().contains("database now at version 7"), rest.out());
        CliRun back = sluice(db, "rollback", "--steps", "2");
        assertEquals(0, back.exitCode(), back.toString());
        assertFalse(db.queryForBoolean("select to_regclass('post_tags') is not null"));
        assertTrue(sluice(db, "status").out().contains("current version: 5"));
        CliRun again = sluice(db, "migrate");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(2L, db.queryForLong("select count(*) from roles"), "what Drizzle applied is still there");

        // The reference: every file in journal order, each part between breakpoints run as Drizzle runs it (psql
        // would join the custom migration's two statements), with no history table of any tool.
        TestDatabase reference = db.another();
        try (Connection c = reference.connect(); Statement s = c.createStatement()) {
            for (String tag : MIGRATIONS.keySet()) {
                for (String part : Files.readString(folder.resolve(tag + ".sql")).split("--> statement-breakpoint")) {
                    s.execute(part);
                }
            }
        }
        CliRun diff = sluice(db, "diff", db.jdbcUrl(), reference.jdbcUrl());
        assertEquals(0, diff.exitCode(), diff.toString());
        CliRun drift = sluice(db, "drift");
        assertEquals(0, drift.exitCode(), drift.toString());
    }

    @Test
    void withSeveralToolsHistoriesTheLayoutDecidesOrTheCandidatesAreNamed(TestDatabase db) throws Exception {
        Path folder = project();
        drizzleMigrate(db, folder, 2);
        db.execute("create table flyway_schema_history (installed_rank int primary key, version varchar(50), description "
                + "varchar(200) not null, type varchar(20) not null, script varchar(1000) not null, checksum int, installed_by "
                + "varchar(100) not null, installed_on timestamp not null default now(), execution_time int not null, success bool not null)");
        CliRun dry = sluice(db, "adopt", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("what Drizzle applied"), "Flyway's table is empty: " + dry.out());

        db.execute("create table \"_prisma_migrations\" (id varchar(36) primary key, checksum varchar(64) not null, "
                + "finished_at timestamptz, migration_name varchar(255) not null, logs text, rolled_back_at timestamptz, "
                + "started_at timestamptz not null default now(), applied_steps_count int not null default 0)");
        db.execute("insert into \"_prisma_migrations\" values ('f0000000-0000-0000-0000-000000000000', 'abc', now(), "
                + "'20240101120001_init', null, null, now(), 1)");
        CliRun drizzleLayout = sluice(db, "adopt", "--dry-run");
        assertEquals(0, drizzleLayout.exitCode(), drizzleLayout.toString());
        assertTrue(drizzleLayout.out().contains("what Drizzle applied"), "the files are Drizzle's: " + drizzleLayout.out());
        Files.move(folder, dir.resolve("elsewhere"));
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__x.sql"), "select 1;\n");
        CliRun ambiguous = sluice(db, "adopt", "--dry-run");
        assertEquals(ExitCodes.INVALID, ambiguous.exitCode(), ambiguous.toString());
        assertTrue(ambiguous.err().contains("cannot tell which tool to adopt from; name it with --from"), ambiguous.err());
        assertTrue(ambiguous.err().contains("prisma: public._prisma_migrations"), ambiguous.err());
        assertTrue(ambiguous.err().contains("drizzle: drizzle.__drizzle_migrations"), ambiguous.err());
    }

    @Test
    void rehearseRunsEveryMigrationUpDownAndUpUnderItsOwnName() throws Exception {
        project();
        CliRun rehearse = CliRun.run(CliRun.env(), "--dir", dir.toString(), "--require-url", "rehearse");
        assertEquals(0, rehearse.exitCode(), rehearse.toString());
        assertTrue(rehearse.out().contains("0003_custom_seed_roles.sql"), rehearse.out());
        assertTrue(rehearse.out().contains("0007_swift_river.sql"), rehearse.out());
    }
}
