package dev.sluice.backup;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DestructiveChangesTest {

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
    })
    void destructive(String sql) {
        assertTrue(DestructiveChanges.isDestructive(sql), sql);
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
    })
    void notDestructive(String sql) {
        assertFalse(DestructiveChanges.isDestructive(sql), sql);
    }
}
