package dev.sluice.online;

import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationFileException;
import dev.sluice.migration.MigrationLoadException;
import dev.sluice.migration.internal.MigrationResolver;
import dev.sluice.migration.MigrationSource;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.ScriptResource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnlineMigrationFileTest {

    @Test
    void readsEveryOperation() {
        OnlineMigrationFile file = OnlineMigrationFile.parse("V3__x.yaml", """
                operations:
                  - rename_column: {table: users, from: email, to: email_address}
                  - change_column_type: {table: users, column: age, type: bigint, up: age, down: age::int}
                  - set_not_null: {table: users, column: name, up: "coalesce(name, '')"}
                  - add_column: {table: users, column: domain, type: text, default: "'x'", not_null: true}
                  - drop_column: {table: users, column: legacy}
                """);
        assertEquals(5, file.operations().size());
        assertEquals(new Operation.RenameColumn("users", "email", "email_address"), file.operations().get(0));
        Operation.AddColumn add = (Operation.AddColumn) file.operations().get(3);
        assertEquals("'x'", add.defaultValue());
        assertTrue(add.notNull());
    }

    @Test
    void anUnknownKeyNamesFileAndLine() {
        MigrationFileException e = assertThrows(MigrationFileException.class, () -> OnlineMigrationFile.parse("V3__x.yaml",
                "operations:\n  - rename_column:\n      table: users\n      from: a\n      to: b\n      cascade: true\n"));
        assertEquals(6, e.line());
        assertTrue(e.getMessage().startsWith("V3__x.yaml:6: unknown key 'cascade'"), e.getMessage());
    }

    @Test
    void aMisspeltKeyIsNamedAsUnknownRatherThanReportedAsTheKeyItMissed() {
        MigrationFileException e = assertThrows(MigrationFileException.class, () -> OnlineMigrationFile.parse("V3__x.yaml",
                "operations:\n  - rename_column:\n      table: users\n      from: a\n      too: b\n"));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().startsWith("V3__x.yaml:5: unknown key 'too'"), e.getMessage());
    }

    @Test
    void aKeyIndentedWronglyIsReportedAsTheYamlErrorOnItsLineNotAsAMissingKey() {
        MigrationFileException e = assertThrows(MigrationFileException.class, () -> OnlineMigrationFile.parse("V3__x.yaml",
                "operations:\n  - change_column_type:\n      table: users\n     column: amount\n"));
        assertEquals(4, e.line());
        assertEquals("V3__x.yaml:4: not valid YAML: expected <block end>, but found '<block mapping start>' (in the block mapping that"
                + " begins on line 2); the keys of one operation line up in one column, indented with spaces, not tabs", e.getMessage());
        MigrationFileException tab = assertThrows(MigrationFileException.class, () -> OnlineMigrationFile.parse("V3__x.yaml",
                "operations:\n\t- rename_column: {table: users, from: a, to: b}\n"));
        assertEquals(2, tab.line());
        assertTrue(tab.getMessage().startsWith("V3__x.yaml:2: not valid YAML: found character '\\t(TAB)' that cannot start any token"),
                tab.getMessage());
    }

    @Test
    void anUnknownOperationAndAMissingKeyAreRefused() {
        MigrationFileException unknown = assertThrows(MigrationFileException.class,
                () -> OnlineMigrationFile.parse("V3__x.yaml", "operations:\n  - rename_colum: {table: users}\n"));
        assertTrue(unknown.getMessage().contains("unknown operation 'rename_colum'"), unknown.getMessage());
        MigrationFileException missing = assertThrows(MigrationFileException.class,
                () -> OnlineMigrationFile.parse("V3__x.yaml", "operations:\n  - rename_column: {table: users, from: a}\n"));
        assertTrue(missing.getMessage().startsWith("V3__x.yaml:2: rename_column: 'to' is required"), missing.getMessage());
        assertThrows(MigrationFileException.class, () -> OnlineMigrationFile.parse("V3__x.yaml", "operations: []\n"));
    }

    @Test
    void resolvesAsAVersionedOnlineMigrationAndReportsABrokenFile() {
        MigrationSource good = source(new ScriptResource("V1__a.sql", "V1__a.sql", "create table a (id int);"),
                new ScriptResource("V2__rename.yaml", "V2__rename.yaml", "operations:\n  - rename_column: {table: a, from: id, to: key}\n"));
        MigrationCatalog catalog = new MigrationResolver(false, OnlineMigrationFile::check).resolve(List.of(good));
        assertEquals(MigrationType.ONLINE, catalog.versioned().get(1).type());
        assertEquals("rename", catalog.versioned().get(1).description());

        MigrationSource bad = source(new ScriptResource("V2__rename.yaml", "V2__rename.yaml", "operations:\n  - nope: {}\n"),
                new ScriptResource("U2__rename.sql", "U2__rename.sql", "select 1;"));
        MigrationLoadException e = assertThrows(MigrationLoadException.class,
                () -> new MigrationResolver(false, OnlineMigrationFile::check).resolve(List.of(bad)));
        assertTrue(e.getMessage().contains("V2__rename.yaml:2: unknown operation 'nope'"), e.getMessage());
    }

    @Test
    void rawSqlThatCannotRunInATransactionIsRefusedWithFileAndLine() {
        MigrationFileException e = assertThrows(MigrationFileException.class, () -> OnlineMigrationFile.parse("V3__x.yaml",
                "operations:\n  - raw_sql:\n      up: create index concurrently i on t (a)\n      down: drop index i\n"));
        assertTrue(e.getMessage().startsWith("V3__x.yaml:2: raw_sql: 'up' line 1: CREATE INDEX CONCURRENTLY cannot run inside a transaction"),
                e.getMessage());
        Operation.RawSql raw = (Operation.RawSql) OnlineMigrationFile.parse("V3__x.yaml",
                "operations:\n  - raw_sql: {up: select 1, down: select 2, onComplete: select 3}\n").operations().get(0);
        assertEquals("select 3", raw.onComplete());
        MigrationFileException unknown = assertThrows(MigrationFileException.class,
                () -> OnlineMigrationFile.parse("V3__x.yaml", "operations:\n  - split_columns: {table: t}\n"));
        assertTrue(unknown.getMessage().contains("known: rename_column, change_column_type, set_not_null, add_column, drop_column,"
                + " drop_not_null, rename_table, create_index, drop_index, add_foreign_key, add_check, add_unique, raw_sql"),
                unknown.getMessage());
    }

    @Test
    void anOnlineSqlFileBecomesOperations() {
        OnlineMigrationFile file = OnlineMigrationFile.parse("V3__x.sql", """
                -- sluice:online
                ALTER TABLE users RENAME COLUMN email TO email_address;
                ALTER TABLE users ALTER COLUMN name SET NOT NULL;
                alter table users add column domain text default 'x';
                alter table users add constraint users_name_short check (length(name) < 100);
                alter table users add constraint users_email_key unique (email);
                ALTER TABLE users RENAME TO customers;
                CREATE UNIQUE INDEX CONCURRENTLY users_lower_name ON users USING btree (lower(name)) WHERE name IS NOT NULL;
                """);
        assertEquals(List.of(new Operation.RenameColumn("users", "email", "email_address"),
                new Operation.SetNotNull("users", "name", "\"name\"", null),
                new Operation.AddColumn("users", "domain", "text", "'x'", null, false),
                new Operation.AddCheck("users", "users_name_short", "length(name) < 100"),
                new Operation.AddUnique("users", "users_email_key", List.of("email")),
                new Operation.RenameTable("users", "customers"),
                new Operation.CreateIndex("users", "users_lower_name", List.of("lower ( name )"), true, "btree", "name IS NOT NULL")),
                file.operations());
    }

    @Test
    void anOnlineSqlStatementThatMapsToNoOperationIsRefusedWithFileAndLine() {
        MigrationFileException e = assertThrows(MigrationFileException.class, () -> OnlineMigrationFile.parse("V3__x.sql",
                "-- sluice:online\nalter table users rename column a to b;\n\nupdate users set a = 1;\n"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("V3__x.sql:4: 'update users set a = 1' maps to no online operation"), e.getMessage());
    }

    @Test
    void aSqlFileWithTheOnlineHeaderResolvesAsAnOnlineMigration() {
        MigrationSource source = source(new ScriptResource("V1__a.sql", "V1__a.sql", "create table a (id int);"),
                new ScriptResource("V2__rename.sql", "V2__rename.sql", "-- sluice:online\nalter table a rename column id to key;\n"));
        MigrationCatalog catalog = new MigrationResolver(false, OnlineMigrationFile::check).resolve(List.of(source));
        assertEquals(MigrationType.SQL, catalog.versioned().get(0).type());
        assertEquals(MigrationType.ONLINE, catalog.versioned().get(1).type());
        MigrationSource bad = source(new ScriptResource("V2__rename.sql", "V2__rename.sql", "-- sluice:online\ndrop table a;\n"));
        MigrationLoadException e = assertThrows(MigrationLoadException.class,
                () -> new MigrationResolver(false, OnlineMigrationFile::check).resolve(List.of(bad)));
        assertTrue(e.getMessage().contains("V2__rename.sql:2: 'drop table a' maps to no online operation"), e.getMessage());
    }

    @Test
    void lintLeavesAnOnlineSqlFileToItsOperations(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
        java.nio.file.Files.writeString(folder.resolve("V1__a.sql"), "create table a (id int, b int);\n");
        java.nio.file.Files.writeString(folder.resolve("V2__rename.sql"), "-- sluice:online\nalter table a rename column b to c;\n");
        assertEquals(List.of(folder.resolve("V1__a.sql").toString()),
                dev.sluice.lint.Linter.folderInputs(folder, p -> true).stream().map(dev.sluice.lint.LintInput::name).toList());
    }

    @Test
    void schemaNamesFollowTheMigration() {
        assertEquals("sluice_v3_rename_email", SearchPath.schemaName("3", "rename email"));
        assertEquals("sluice_v1_2_add_x", SearchPath.schemaName("1.2", "Add X!"));
        assertEquals(63, SearchPath.schemaName("1", "x".repeat(100)).length());
    }

    private static MigrationSource source(ScriptResource... scripts) {
        return new MigrationSource() {
            @Override
            public List<ScriptResource> scripts() {
                return List.of(scripts);
            }

            @Override
            public String describe() {
                return "test";
            }
        };
    }
}
