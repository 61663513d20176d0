package dev.sluice.backup;

import dev.sluice.migration.internal.SqlMigrationParser;
import dev.sluice.sql.SqlStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DestructiveChangesTest {

    private static SqlStatement statement(String sql) {
        return new SqlStatement(sql, 1, 1, 1 + (int) sql.chars().filter(c -> c == '\n').count());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DROP TABLE accounts",
            "drop table if exists a, b",
            "truncate accounts",
            "ALTER TABLE accounts DROP COLUMN email",
            "alter table accounts drop email",
            "ALTER TABLE accounts ALTER COLUMN id TYPE bigint",
            "alter table accounts alter id set data type bigint",
            "DELETE FROM accounts",
            "update accounts set email = 'where'",
            "update accounts set email = $$ where $$",
    })
    void destructive(String sql) {
        assertTrue(DestructiveChanges.isDestructive(statement(sql)), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE t (id int)",
            "ALTER TABLE accounts ADD COLUMN x int",
            "ALTER TABLE accounts DROP CONSTRAINT accounts_pkey",
            "ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL",
            "ALTER TABLE accounts ALTER COLUMN email DROP DEFAULT",
            "DELETE FROM accounts WHERE id = 1",
            "UPDATE accounts SET email = lower(email) WHERE id < 10",
            "DROP INDEX accounts_email",
            "-- drop table x\nselect 1",
            "insert into notes values ('drop table accounts')",
    })
    void notDestructive(String sql) {
        assertFalse(DestructiveChanges.isDestructive(statement(sql)), sql);
    }

    @Test
    void namesTheTablesAsWritten() {
        assertEquals(List.of("a", "s.b"), DestructiveChanges.destroyedTables(statement("drop table if exists a, s.b cascade")));
        assertEquals(List.of("accounts"), DestructiveChanges.destroyedTables(statement("alter table only accounts drop column x")));
        assertEquals(List.of(), DestructiveChanges.destroyedTables(statement("alter table accounts add column x int")));
    }

    /** A 100 KB literal once overflowed the stack of a regular expression; the statement model reads it in a loop. */
    @Test
    void aHugeStringLiteralIsReadWithoutOverflowingTheStack() {
        String literal = "x".repeat(50_000) + "''" + "y".repeat(50_000);
        assertFalse(DestructiveChanges.isDestructive(statement("insert into notes values ('" + literal + "')")));
        assertTrue(DestructiveChanges.isDestructive(statement("update notes set body = '" + literal + "'")));
        assertEquals(List.of("notes"), DestructiveChanges.destroyedTables(statement("delete from notes -- '" + literal + "'")));
    }

    /** The caller passes the bodies about to run; no plan (an execution type) is needed to ask. */
    @Test
    void tablesOfTheBodiesAboutToRun() {
        assertEquals(List.of("a", "accounts", "notes"), DestructiveChanges.tables(List.of(
                SqlMigrationParser.parse("V1__x.sql", "drop table a;\ncreate table b (id int);\n"),
                SqlMigrationParser.parse("V2__y.sql", "alter table accounts drop column x;\ndelete from notes;\ndrop table a;\n"))));
    }
}
