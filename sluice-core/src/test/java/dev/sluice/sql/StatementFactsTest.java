package dev.sluice.sql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementFactsTest {

    private static StatementFacts facts(String sql) {
        return StatementFacts.of(new SqlStatement(sql, 1, 1, 1));
    }

    @Test
    void tablesALockingStatementTouches() {
        assertEquals(List.of("accounts"), facts("alter table if exists only Accounts add column x int").tables());
        assertEquals(List.of("app.Orders"), facts("alter table app.\"Orders\" drop column y").tables());
        assertEquals(List.of("orders", "customers"), facts("alter table orders add foreign key (c) references customers (id)").tables());
        assertEquals(List.of("t"), facts("create index concurrently if not exists i on only t (a)").tables());
        assertEquals(List.of("a", "b"), facts("truncate table a, b").tables());
        assertEquals(List.of("a"), facts("delete from a where id = 1").tables());
        assertEquals(List.of("s.a"), facts("update only s.a set x = 1").tables());
        assertEquals(List.of(), facts("select 1").tables());
    }

    @Test
    void theTableAPlainCreateTableMakes() {
        assertEquals(Optional.of("t"), facts("create table t (id int primary key)").createdTable());
        assertEquals(Optional.of("app.Orders"), facts("create unlogged table app.\"Orders\" (id int)").createdTable());
        assertEquals(Optional.of("tmp"), facts("create global temporary table tmp (id int)").createdTable());
        assertEquals(Optional.of("copy"), facts("create table copy as select * from t").createdTable());
        assertEquals(Optional.empty(), facts("create table if not exists t (id int)").createdTable(), "the table may exist");
        assertEquals(Optional.empty(), facts("create index i on t (a)").createdTable());
        assertEquals(Optional.empty(), facts("create view v as select 1").createdTable());
        assertEquals(Optional.empty(), facts("alter table t add column x int").createdTable());
    }

    @Test
    void concurrentIndexName() {
        assertEquals(Optional.of("i"), facts("create unique index concurrently if not exists i on t (a)").concurrentIndex());
        assertEquals(Optional.of("s.I"), facts("create index concurrently s.\"I\" on t (a)").concurrentIndex());
        assertEquals(Optional.empty(), facts("create index concurrently on t (a)").concurrentIndex());
        assertEquals(Optional.empty(), facts("create index i on t (a)").concurrentIndex());
    }

    @Test
    void idempotence() {
        assertTrue(facts("create index concurrently if not exists i on t (a)").idempotent());
        assertFalse(facts("create index concurrently i on t (a)").idempotent());
        assertFalse(facts("create index concurrently if not exists on t (a)").idempotent(), "unnamed: a second run adds a second index");
        assertTrue(facts("create table if not exists t (id int)").idempotent());
        assertFalse(facts("create table t (id int)").idempotent());
        assertTrue(facts("drop index concurrently if exists i").idempotent());
        assertTrue(facts("create or replace view v as select 1").idempotent());
        assertTrue(facts("alter table t add column if not exists a int, drop column if exists b").idempotent());
        assertFalse(facts("alter table t add column if not exists a int, add column b int").idempotent());
        assertTrue(facts("vacuum analyze t").idempotent());
        assertFalse(facts("insert into t values (1)").idempotent());
    }

    @Test
    void theLockEachStatementAsksFor() {
        assertEquals(LockMode.ACCESS_EXCLUSIVE, facts("alter table t add column a int").lock());
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, facts("alter table t validate constraint c").lock());
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, facts("alter table s.t validate constraint c, validate constraint d").lock());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, facts("alter table t validate constraint c, add column a int").lock());
        assertEquals(LockMode.SHARE, facts("create index i on t (a)").lock());
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, facts("create index concurrently i on t (a)").lock());
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, facts("create table c (p int references t (id))").lock());
        assertEquals(LockMode.ROW_EXCLUSIVE, facts("insert into t values (1)").lock());
        assertEquals(LockMode.ROW_EXCLUSIVE, facts("update t set a = 1").lock());
        assertEquals(LockMode.ROW_EXCLUSIVE, facts("delete from t").lock());
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, facts("lock table t in share row exclusive mode").lock());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, facts("lock table t").lock());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, facts("truncate t").lock());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, facts("drop table t").lock());
    }
}
