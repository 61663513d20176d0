package dev.sluice.sql.internal;

import dev.sluice.sql.ColumnDefinition;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.SqlStatement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementParserTest {

    static PgStatement parse(String sql) {
        return StatementParser.parse(new SqlStatement(sql, 1, 1, 1));
    }

    @Test
    void createTableColumnsTypesAndConstraints() {
        var ct = assertInstanceOf(PgStatement.CreateTable.class, parse("create table if not exists app.\"Orders\" ("
                + "id int4 primary key, name character varying(20) not null default 'x', at timestamp(3) without time zone, "
                + "total numeric(10,2), tags text[], constraint total_nn check ((total is not null)))"));
        assertEquals("app.Orders", ct.name().toString());
        assertTrue(ct.ifNotExists());
        List<ColumnDefinition> c = ct.columns();
        assertEquals("integer", c.get(0).type().name());
        assertTrue(c.get(0).primaryKey());
        assertEquals("varchar", c.get(1).type().name());
        assertEquals(20, c.get(1).type().length());
        assertEquals("'x'", c.get(1).defaultValue().orElseThrow());
        assertEquals("timestamp", c.get(2).type().name());
        assertEquals(List.of(10, 2), c.get(3).type().modifiers());
        assertTrue(c.get(4).type().array());
        assertEquals(List.of("total"), ct.constraints().get(0).columns());
    }

    @Test
    void alterTableSubCommandsWithPositions() {
        var at = assertInstanceOf(PgStatement.AlterTable.class, parse("alter table only orders\n"
                + "  add column note text default gen_random_uuid(),\n"
                + "  alter column total type numeric(12,2) using total::numeric,\n"
                + "  add constraint fk foreign key (c) references customers not valid,\n"
                + "  detach partition orders_2020 concurrently"));
        assertEquals(4, at.actions().size());
        assertEquals(AlterTableAction.Type.ADD_COLUMN, at.actions().get(0).type());
        assertEquals(2, at.actions().get(0).line());
        assertEquals(3, at.actions().get(0).col());
        assertEquals("gen_random_uuid()", at.actions().get(0).newColumn().orElseThrow().defaultValue().orElseThrow());
        assertTrue(at.actions().get(1).hasUsing());
        assertTrue(at.actions().get(2).constraint().orElseThrow().notValid());
        assertTrue(at.actions().get(3).concurrently());
    }

    @Test
    void indexDropReindex() {
        var ci = assertInstanceOf(PgStatement.CreateIndex.class, parse("create unique index concurrently if not exists i on only s.t (a)"));
        assertTrue(ci.unique() && ci.concurrently() && ci.ifNotExists());
        assertEquals("s.t", ci.table().toString());
        var d = assertInstanceOf(PgStatement.Drop.class, parse("drop materialized view if exists a, b cascade"));
        assertEquals("MATERIALIZED VIEW", d.objectType());
        assertEquals(2, d.names().size());
        assertTrue(d.cascade());
        var r = assertInstanceOf(PgStatement.Reindex.class, parse("reindex (concurrently) table t"));
        assertTrue(r.concurrently());
    }

    @Test
    void enumsVacuumDmlSet() {
        var t = assertInstanceOf(PgStatement.AlterType.class, parse("alter type mood add value if not exists 'it''s' before 'ok'"));
        assertEquals("it's", t.value().orElseThrow());
        assertTrue(assertInstanceOf(PgStatement.Maintenance.class, parse("vacuum (full, analyze) t")).full());
        assertFalse(assertInstanceOf(PgStatement.Maintenance.class, parse("vacuum (full false) t")).full());
        assertFalse(assertInstanceOf(PgStatement.Dml.class, parse("update t set a = (select 1 where true)")).hasWhere());
        assertTrue(assertInstanceOf(PgStatement.Dml.class, parse("with x as (select 1) delete from t where id = 1")).hasWhere());
        var s = assertInstanceOf(PgStatement.Set.class, parse("SET LOCAL lock_timeout TO '2s'"));
        assertTrue(s.local());
        assertEquals("lock_timeout", s.parameter());
    }

    @Test
    void garbageDegradesToOpaqueWithoutThrowing() {
        for (String sql : List.of("alter table", "create index on", "alter table t add constraint", "drop", ")", "'unterminated",
                "create table t (", "alter table t alter column c type", "update", "lock table t in", "")) {
            if (sql.isEmpty()) {
                continue;
            }
            PgStatement p = parse(sql);
            assertTrue(p.kind() != null, sql);
        }
    }
}
