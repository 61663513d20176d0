package dev.sluice.sql;

import dev.sluice.sql.internal.StatementParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Execution's facts, the transaction mode and data loss are read from the parsed model, so they agree with
 * the lint on statements that a look at leading words or tokens would read differently.
 */
class StatementModelTest {

    private static SqlStatement statement(String sql) {
        return new SqlStatement(sql, 1, 1, 1);
    }

    @Test
    void aConcurrentlyOptionInParenthesesRunsOutsideATransaction() {
        PgStatement concurrent = StatementParser.parse(statement("reindex (concurrently) index i"));
        assertTrue(assertInstanceOf(PgStatement.Reindex.class, concurrent).concurrently(), "the lint's reading");
        assertEquals(Optional.of("REINDEX CONCURRENTLY cannot run inside a transaction block"),
                TransactionRequirement.reasonOutsideTransaction(statement("reindex (concurrently) index i")));
        assertFalse(TransactionRequirement.reasonOutsideTransaction(statement("reindex (concurrently false) index i")).isPresent());
    }

    @Test
    void aFinalizingDetachMayRunInATransaction() {
        assertTrue(TransactionRequirement.reasonOutsideTransaction(statement("alter table p detach partition c concurrently")).isPresent());
        assertFalse(TransactionRequirement.reasonOutsideTransaction(statement("alter table p detach partition c finalize")).isPresent());
    }

    @Test
    void prepareTransactionEndsTheTransactionButAPreparedStatementDoesNot() {
        assertTrue(TransactionRequirement.isTransactionControl(statement("prepare transaction 'x'")));
        assertFalse(TransactionRequirement.isTransactionControl(statement("prepare p as select 1")));
    }

    @Test
    void dataChangesLedByWithOrMergeLockTheirTableInRowExclusive() {
        StatementFacts with = StatementFacts.of(statement("with gone as (delete from a where id < 0 returning id) update b set x = 1"));
        assertEquals(List.of("b"), with.tables());
        assertEquals(LockMode.ROW_EXCLUSIVE, with.lock());
        StatementFacts merge = StatementFacts.of(statement("merge into t using s on t.id = s.id when matched then delete"));
        assertEquals(List.of("t"), merge.tables());
        assertEquals(LockMode.ROW_EXCLUSIVE, merge.lock());
    }

    @Test
    void foreignKeyTargetsComeFromTheModel() {
        assertEquals(List.of("orders", "s.customers", "Items"), StatementFacts.of(statement(
                "alter table orders add column c int references s.customers, add constraint f foreign key (i) references \"Items\" (id)"))
                .tables());
        assertEquals(List.of("parent"), StatementFacts.of(statement("create table c (id int, p int, foreign key (p) references parent)")).tables());
    }

    @Test
    void aStatementTheParserCannotFollowKeepsTheTableItsLeadingWordsName() {
        PgStatement half = StatementParser.parse(statement("alter table only accounts drop column"));
        assertInstanceOf(PgStatement.Opaque.class, half);
        assertTrue(DataLoss.destroysData(half));
        assertEquals(List.of("accounts"), DataLoss.destroyedTables(half));
        assertEquals(List.of("accounts"), StatementFacts.of(half).tables());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, StatementFacts.of(half).lock());
    }

    @Test
    void createOrReplaceAndIfNotExistsAreIdempotent() {
        assertTrue(StatementFacts.of(statement("create or replace trigger t before insert on x for each row execute function f()")).idempotent());
        assertTrue(StatementFacts.of(statement("create extension if not exists pgcrypto")).idempotent());
        assertTrue(StatementFacts.of(statement("create foreign table if not exists f (id int) server s")).idempotent());
        assertFalse(StatementFacts.of(statement("create view v as select 1")).idempotent());
    }
}
