package dev.sluice.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionRequirementTest {

    private static boolean outside(String sql) {
        return TransactionRequirement.reasonOutsideTransaction(new SqlStatement(sql, 1, 1, 1)).isPresent();
    }

    private static boolean control(String sql) {
        return TransactionRequirement.isTransactionControl(new SqlStatement(sql, 1, 1, 1));
    }

    @Test
    void statementsThatCannotRunInATransaction() {
        assertTrue(outside("create index concurrently i on t (a)"));
        assertTrue(outside("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)"));
        assertTrue(outside("drop index concurrently if exists i"));
        assertTrue(outside("reindex (verbose) index concurrently i"));
        assertTrue(outside("vacuum (analyze) t"));
        assertTrue(outside("alter system set work_mem = '8MB'"));
        assertTrue(outside("create database x"));
        assertTrue(outside("alter table p detach partition c concurrently"));
        assertTrue(outside("/* note */ create index concurrently i on t (a)"));
    }

    @Test
    void ordinaryStatementsMayRunInOne() {
        assertFalse(outside("create index i on t (a)"));
        assertFalse(outside("create table concurrently (index int)"));
        assertFalse(outside("alter type mood add value 'meh'"));
        assertFalse(outside("alter table p detach partition c"));
        assertFalse(outside("comment on table t is 'create index concurrently'"));
        assertEquals("VACUUM cannot run inside a transaction block",
                TransactionRequirement.reasonOutsideTransaction(new SqlStatement("vacuum", 1, 1, 1)).orElseThrow());
    }

    @Test
    void transactionControl() {
        assertTrue(control("begin"));
        assertTrue(control("START TRANSACTION"));
        assertTrue(control("commit"));
        assertTrue(control("end"));
        assertTrue(control("rollback"));
        assertFalse(control("rollback to savepoint s"));
        assertFalse(control("rollback work to s"));
        assertFalse(control("savepoint s"));
        assertFalse(control("select 1"));
    }
}
