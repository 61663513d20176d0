package dev.sluice.execution.internal;

import dev.sluice.sql.SqlStatement;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NewTablesTest {

    private static Set<String> of(String... sql) {
        List<SqlStatement> statements = Arrays.stream(sql).map(s -> new SqlStatement(s, 1, 1, 1)).toList();
        return NewTables.of(statements);
    }

    @Test
    void aTableCreatedBeforeItIsTouchedIsNew() {
        assertEquals(Set.of("t"), of("create table t (id int primary key)", "insert into t values (1)"));
        assertEquals(Set.of("t"), of("create table t (id int primary key, parent int references t)"), "a self-reference");
    }

    @Test
    void aTableTouchedBeforeItsCreateIsNotNew() {
        assertEquals(Set.of(), of("drop table t", "create table t (id int)"));
        assertEquals(Set.of(), of("insert into t values (1)", "create table t (id int)"));
    }

    @Test
    void ifNotExistsAndOtherSpellingsAreNotNew() {
        assertEquals(Set.of(), of("create table if not exists t (id int)", "insert into t values (1)"));
        assertEquals(Set.of("t"), of("create table t (id int)", "insert into public.t values (1)"),
                "public.t is another spelling, so it is still looked at");
    }

    @Test
    void aReferencedTableIsNeverNew() {
        assertEquals(Set.of("b"), of("create table b (id int, a_id int references a)"));
    }
}
