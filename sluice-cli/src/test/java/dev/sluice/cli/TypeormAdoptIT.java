package dev.sluice.cli;

import dev.sluice.testing.PostgresExtension;
import dev.sluice.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TypeORM project of eight migration classes in {@code src/migrations} as {@code typeorm migration:generate}
 * writes them (one compiled to JavaScript), the first half applied as TypeORM's migration executor applies them
 * (its {@code migrations} table as it creates it, each {@code up}'s queries run, then a row of the timestamp and
 * the class's name), then adopted without naming the tool, migrated, rolled back two, migrated again, and
 * compared with a plain JDBC run of every migration's queries in order. One migration builds its SQL from a
 * variable: it is reported by file and line as needing a SQL file until one is given beside it.
 */
@ExtendWith(PostgresExtension.class)
class TypeormAdoptIT {

    @TempDir
    Path dir;

    private record Mig(String name, long timestamp, List<String> up, List<String> down) {
        String className() {
            return name + timestamp;
        }

        String file() {
            return timestamp + "-" + name + ".ts";
        }
    }

    private static final List<Mig> MIGRATIONS = List.of(
            new Mig("CreateUser", 1700000000001L,
                    List.of("CREATE TABLE \"user\" (\"id\" SERIAL NOT NULL, \"email\" character varying NOT NULL, "
                            + "CONSTRAINT \"UQ_e12875dfb3b1d92d7d7c5377e22\" UNIQUE (\"email\"), "
                            + "CONSTRAINT \"PK_cace4a159ff9f2512dd42373760\" PRIMARY KEY (\"id\"))"),
                    List.of("DROP TABLE \"user\"")),
            new Mig("CreatePhoto", 1700000000002L,
                    List.of("CREATE TABLE \"photo\" (\"id\" SERIAL NOT NULL, \"url\" character varying NOT NULL, \"userId\" integer, "
                            + "CONSTRAINT \"PK_723fa50bf70dcfd06fb5a44d4ff\" PRIMARY KEY (\"id\"))",
                            "ALTER TABLE \"photo\" ADD CONSTRAINT \"FK_4494006ff358f754d07df5ccc87\" FOREIGN KEY (\"userId\") "
                                    + "REFERENCES \"user\"(\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION"),
                    List.of("ALTER TABLE \"photo\" DROP CONSTRAINT \"FK_4494006ff358f754d07df5ccc87\"", "DROP TABLE \"photo\"")),
            new Mig("AddUserName", 1700000000003L,
                    List.of("ALTER TABLE \"user\" ADD \"name\" character varying",
                            "COMMENT ON COLUMN \"user\".\"name\" IS 'the user''s name, as they write it'"),
                    List.of("-- sluice:ignore drop-column the column this migration added\nALTER TABLE \"user\" DROP COLUMN \"name\"")),
            new Mig("CreateAlbum", 1700000000004L,
                    List.of("CREATE TABLE \"album\" (\"id\" SERIAL NOT NULL, \"title\" character varying NOT NULL, "
                            + "CONSTRAINT \"PK_58e0b4b8a31bb897e6959fe3206\" PRIMARY KEY (\"id\"))"),
                    List.of("DROP TABLE \"album\"")),
            new Mig("CreateAlbumPhotos", 1700000000005L,
                    List.of("CREATE TABLE \"album_photos_photo\" (\"albumId\" integer NOT NULL REFERENCES \"album\"(\"id\") ON DELETE CASCADE, "
                            + "\"photoId\" integer NOT NULL REFERENCES \"photo\"(\"id\") ON DELETE CASCADE, "
                            + "CONSTRAINT \"PK_d6a2ff3ac1a4a5f2b4e5ca1d2bd\" PRIMARY KEY (\"albumId\", \"photoId\"))"),
                    List.of("DROP TABLE \"album_photos_photo\"")),
            new Mig("AddPhotoViews", 1700000000006L,
                    List.of("ALTER TABLE \"photo\" ADD \"views\" integer"),
                    List.of("-- sluice:ignore drop-column the column this migration added\nALTER TABLE \"photo\" DROP COLUMN \"views\"")),
            new Mig("AddAlbumSummary", 1700000000007L,
                    List.of("ALTER TABLE \"album\" ADD \"summary\" text"),
                    List.of("-- sluice:ignore drop-column the column this migration added\nALTER TABLE \"album\" DROP COLUMN \"summary\"")),
            new Mig("CreateTag", 1700000000008L,
                    List.of("CREATE TABLE \"tag\" (\"id\" SERIAL NOT NULL, \"label\" character varying NOT NULL, "
                            + "CONSTRAINT \"PK_8e4052373c579afc1471f526760\" PRIMARY KEY (\"id\"))"),
                    List.of("DROP TABLE \"tag\"")));

    /** TypeScript as migration:generate writes it: template literals, one query call per statement. */
    private static String typescript(Mig m) {
        StringBuilder ts = new StringBuilder("import { MigrationInterface, QueryRunner } from \"typeorm\";\n\n"
                + "export class " + m.className() + " implements MigrationInterface {\n    name = '" + m.className() + "'\n\n"
                + "    public async up(queryRunner: QueryRunner): Promise<void> {\n");
        m.up().forEach(q -> ts.append("        await queryRunner.query(`").append(q.replace("`", "\\`")).append("`);\n"));
        ts.append("    }\n\n    public async down(queryRunner: QueryRunner): Promise<void> {\n");
        m.down().forEach(q -> ts.append("        await queryRunner.query(`").append(q.replace("`", "\\`")).append("`);\n"));
        return ts.append("    }\n\n}\n").toString();
    }

    private Path project() throws Exception {
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"photos\", \"dependencies\": {\"typeorm\": \"^0.3.20\"}}\n");
        Path folder = Files.createDirectories(dir.resolve("src/migrations"));
        for (Mig m : MIGRATIONS) {
            Files.writeString(folder.resolve(m.file()), typescript(m));
        }
        // A hand-written one: single and double quotes with escapes, and a comment that mentions a call.
        Mig third = MIGRATIONS.get(2);
        Files.writeString(folder.resolve(third.file()), "import { MigrationInterface, QueryRunner } from 'typeorm';\n\n"
                + "export class " + third.className() + " implements MigrationInterface {\n"
                + "  public async up(queryRunner: QueryRunner): Promise<void> {\n"
                + "    // queryRunner.query(`DROP TABLE \"user\"`) was the first idea\n"
                + "    await queryRunner.query(\"ALTER TABLE \\\"user\\\" ADD \\\"name\\\" character varying\");\n"
                + "    await queryRunner.query('COMMENT ON COLUMN \"user\".\"name\" IS \\'the user\\'\\'s name, as they write it\\'');\n"
                + "  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n"
                + "    await queryRunner.query(`-- sluice:ignore drop-column the column this migration added\n"
                + "ALTER TABLE \"user\" DROP COLUMN \"name\"`);\n  }\n}\n");
        // One compiled to CommonJS, as a project that runs migrations from dist/ has them.
        Mig fourth = MIGRATIONS.get(3);
        Files.delete(folder.resolve(fourth.file()));
        Files.writeString(folder.resolve(fourth.file().replace(".ts", ".js")), "\"use strict\";\n"
                + "Object.defineProperty(exports, \"__esModule\", { value: true });\nexports." + fourth.className() + " = void 0;\n"
                + "class " + fourth.className() + " {\n    constructor() {\n        this.name = '" + fourth.className() + "';\n    }\n"
                + "    async up(queryRunner) {\n        await queryRunner.query(`" + fourth.up().get(0) + "`);\n    }\n"
                + "    async down(queryRunner) {\n        await queryRunner.query(`" + fourth.down().get(0) + "`);\n    }\n}\n"
                + "exports." + fourth.className() + " = " + fourth.className() + ";\n");
        // One that builds its SQL: Sluice cannot read it without running it.
        Mig seventh = MIGRATIONS.get(6);
        Files.writeString(folder.resolve(seventh.file()), "import { MigrationInterface, QueryRunner } from \"typeorm\";\n\n"
                + "const column = 'summary';\n\nexport class " + seventh.className() + " implements MigrationInterface {\n"
                + "    public async up(queryRunner: QueryRunner): Promise<void> {\n"
                + "        await queryRunner.query(`ALTER TABLE \"album\" ADD \"${column}\" text`);\n    }\n\n"
                + "    public async down(queryRunner: QueryRunner): Promise<void> {\n"
                + "        await queryRunner.query('ALTER TABLE \"album\" DROP COLUMN \"' + column + '\"');\n    }\n}\n");
        return folder;
    }

    /** What TypeORM's MigrationExecutor does for the first {@code count} migrations on PostgreSQL. */
    private static void typeormRun(TestDatabase db, int count) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"migrations\" (\"id\" SERIAL NOT NULL, \"timestamp\" bigint NOT NULL, "
                    + "\"name\" character varying NOT NULL, CONSTRAINT \"PK_8c82d7f526340ab734260ea46be\" PRIMARY KEY (\"id\"))");
            c.setAutoCommit(false);
            for (Mig m : MIGRATIONS.subList(0, count)) {
                for (String q : m.up()) {
                    s.execute(q);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"migrations\"(\"timestamp\", \"name\") VALUES ($1, $2)"
                        .replace("$1", "?").replace("$2", "?"))) {
                    ps.setLong(1, m.timestamp());
                    ps.setString(2, m.className());
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
    }

    private CliRun sluice(TestDatabase db, String... args) {
        return CliRun.inProject(dir, db, args);
    }

    @Test
    void aProjectHalfMigratedByTypeormIsAdoptedAndMigratedOnInPlace(TestDatabase db) throws Exception {
        Path folder = project();
        typeormRun(db, 4);
        db.execute("insert into \"user\" (email, name) values ('a@example.com', 'A')");

        CliRun unreadable = sluice(db, "lint");
        assertEquals(ExitCodes.INVALID, unreadable.exitCode(), unreadable.toString());
        String out = unreadable.out();
        assertTrue(out.contains("1700000000007-AddAlbumSummary.ts:7:"), out);
        assertTrue(out.contains("queryRunner.query(...) is given a template literal with ${...}, not a plain string literal: "
                + "needs a SQL file"), out);
        assertTrue(out.contains("1700000000007-AddAlbumSummary.ts:11:"), out);
        assertTrue(out.contains("queryRunner.query(...) is given a string built from parts: needs a SQL file"), out);
        CliRun refused = sluice(db, "adopt");
        assertEquals(ExitCodes.INVALID, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("needs a SQL file"), refused.err());
        Files.writeString(folder.resolve("1700000000007-AddAlbumSummary.sql"), MIGRATIONS.get(6).up().get(0) + ";\n");
        Files.writeString(folder.resolve("1700000000007-AddAlbumSummary.down.sql"), MIGRATIONS.get(6).down().get(0) + ";\n");

        CliRun status = sluice(db, "status");
        assertEquals(ExitCodes.INVALID, status.exitCode(), status.toString());
        assertTrue(status.err().contains("this database is managed by TypeORM: run 'sluice adopt --from typeorm'"), status.err());
        assertTrue(status.err().contains("using the TypeORM migrations in src/migrations"), status.err());

        CliRun lint = sluice(db, "lint");
        assertTrue(lint.out().contains("in 16 files"), lint.toString());

        db.execute("update migrations set name = 'AddUserNames1700000000003' where timestamp = 1700000000003");
        CliRun renamed = sluice(db, "adopt");
        assertEquals(ExitCodes.INVALID, renamed.exitCode(), renamed.toString());
        assertTrue(renamed.err().contains("AddUserNames1700000000003: applied by TypeORM, but no migration class of that name"),
                renamed.err());
        db.execute("update migrations set name = 'AddUserName1700000000003' where timestamp = 1700000000003");

        CliRun adopt = sluice(db, "adopt");
        assertEquals(0, adopt.exitCode(), adopt.toString());
        assertTrue(adopt.out().contains("what TypeORM applied (public.migrations)"), adopt.out());
        assertTrue(adopt.out().contains("1700000000004-CreateAlbum.js"), adopt.out());
        assertEquals(4L, db.queryForLong("select count(*) from sluice_history where state = 'APPLIED' and installed_by = 'typeorm'"));

        CliRun adopted = sluice(db, "status");
        assertEquals(0, adopted.exitCode(), adopted.toString());
        assertTrue(adopted.out().contains("current version: 1700000000004; pending: 4"), adopted.out());
        CliRun rest = sluice(db, "migrate");
        assertEquals(0, rest.exitCode(), rest.toString());
        assertTrue(rest.out().contains("database now at version 1700000000008"), rest.out());
        CliRun back = sluice(db, "rollback", "--steps", "2");
        assertEquals(0, back.exitCode(), back.toString());
        assertFalse(db.queryForBoolean("select exists (select 1 from information_schema.columns where column_name = 'summary')"));
        CliRun again = sluice(db, "migrate");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals("the user's name, as they write it",
                db.queryForString("select col_description('\"user\"'::regclass, 3)"));

        TestDatabase reference = db.another();
        List<String> all = new ArrayList<>();
        MIGRATIONS.forEach(m -> all.addAll(m.up()));
        try (Connection c = reference.connect(); Statement s = c.createStatement()) {
            for (String q : all) {
                s.execute(q);
            }
        }
        CliRun diff = sluice(db, "diff", db.jdbcUrl(), reference.jdbcUrl());
        assertEquals(0, diff.exitCode(), diff.toString());
    }
}
