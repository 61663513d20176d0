package dev.sluice.migration.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypeormMigrationFileTest {

    @Test
    void plainLiteralsOfEveryQuoteAreDecodedWithTheirEscapes() {
        String ts = """
                export class Quotes1700000000000 implements MigrationInterface {
                    public async up(queryRunner: QueryRunner): Promise<void> {
                        await queryRunner.query('select \\'it\\'\\'s\\', \\x41\\u0042\\u{43}');
                        await queryRunner.query("select \\"x\\"\\tfrom t");
                        await queryRunner.query(`select 1
                from \\`t\\``);
                    }
                    public async down(queryRunner: QueryRunner): Promise<void> {}
                }
                """;
        TypeormMigrationFile f = TypeormMigrationFile.read("q.ts", ts);
        assertEquals(Optional.of("Quotes1700000000000"), f.className());
        assertEquals(List.of(), f.problems());
        assertEquals("\n\nselect 'it''s', ABC;\nselect \"x\"\tfrom t;\nselect 1\nfrom `t`;\n", f.up());
        assertEquals("", f.down());
    }

    @Test
    void eachStatementStartsOnTheLineOfItsCall() {
        String ts = "class A1700000000000 {\n  async up(qr) {\n\n    await qr.query(`create table a (id int)`);\n"
                + "    await qr.query(`create table b (\n id int)`);\n    await qr.query('create table c (id int)');\n  }\n}\n";
        String up = TypeormMigrationFile.read("a.js", ts).up();
        String[] lines = up.split("\n", -1);
        assertEquals("create table a (id int);", lines[3]);
        assertEquals("create table b (", lines[4]);
        assertEquals("create table c (id int);", lines[6]);
    }

    @Test
    void whatIsNotAPlainLiteralIsReportedByLineAndNeverGuessed() {
        String ts = """
                const t = 'users';
                export class Built1700000000000 {
                    name = 'Built1700000000000'
                    public async up(queryRunner: QueryRunner): Promise<void> {
                        await queryRunner.query(`drop table ${t}`);
                        await queryRunner.query('drop table ' + t);
                        await queryRunner.query(sql);
                        await queryRunner.query('select $1', [1]);
                        await queryRunner.createTable(new Table({ name: 'x' }));
                        await helper(queryRunner);
                    }
                    public async down(queryRunner: QueryRunner): Promise<void> {
                        await queryRunner.query(`select '${"}"}'`);
                    }
                }
                """;
        TypeormMigrationFile f = TypeormMigrationFile.read("b.ts", ts);
        assertEquals(List.of(5, 6, 7, 8, 9, 10), f.upProblems().stream().map(p -> p.line()).toList());
        assertTrue(f.upProblems().get(0).message().contains("template literal with ${...}"), f.upProblems().get(0).message());
        assertTrue(f.upProblems().get(1).message().contains("a string built from parts"));
        assertTrue(f.upProblems().get(2).message().contains("an expression"));
        assertTrue(f.upProblems().get(3).message().contains("parameters"));
        assertTrue(f.upProblems().get(4).message().contains("queryRunner.createTable(...) is not SQL"));
        assertTrue(f.upProblems().get(5).message().contains("used other than in queryRunner.query"));
        f.problems().forEach(p -> assertTrue(p.message().endsWith("needs a SQL file"), p.message()));
        assertEquals(List.of(13), f.downProblems().stream().map(p -> p.line()).toList());
        assertEquals("", f.up());
    }

    @Test
    void commentsAndTheNamePropertyOfCompiledClassesAreUnderstood() {
        String js = "class Renamed1700000000001 {\n  constructor() { this.name = 'Other1700000000002'; }\n"
                + "  /* queryRunner.query(`x`) */\n  async up(queryRunner) {\n    // queryRunner.dropTable('t')\n"
                + "    await queryRunner.query(\"select 1 -- it's fine\");\n  }\n}\n";
        TypeormMigrationFile f = TypeormMigrationFile.read("c.js", js);
        assertEquals(Optional.of("Other1700000000002"), f.className());
        assertEquals(List.of(), f.problems());
        assertTrue(f.up().contains("select 1 -- it's fine;"), f.up());
        assertEquals(Optional.of(1700000000002L), TypeormMigrationFile.timestamp("Other1700000000002"));
        assertEquals(Optional.empty(), TypeormMigrationFile.timestamp("Other17"));
    }
}
