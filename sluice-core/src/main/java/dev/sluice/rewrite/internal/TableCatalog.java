package dev.sluice.rewrite.internal;

import dev.sluice.rewrite.RewriteException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Catalog reads about the table being rewritten and its shadow. Takes no lock beyond what a catalog
 * read takes; the swap reads again under its lock what it moves.
 */
final class TableCatalog {

    private TableCatalog() {
    }

    /**
     * @param generated a generated column, which an INSERT may not set
     */
    record Column(String name, String type, boolean generated) {
    }

    record Table(long oid, String schema, String name, char kind, boolean unlogged, List<String> reloptions,
                 List<Column> columns, List<String> keyColumns, List<String> keyTypes) {

        Optional<Column> column(String n) {
            return columns.stream().filter(c -> c.name().equals(n)).findFirst();
        }
    }

    static Optional<Long> oid(Connection c, String schema, String name) throws SQLException {
        List<Long> r = Sql.query(c, "select c.oid from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relname = ?", rs -> rs.getLong(1), schema, name);
        return r.stream().findFirst();
    }

    static Table table(Connection c, String schema, String name) throws SQLException {
        long oid = oid(c, schema, name).orElseThrow(() -> new RewriteException("table " + schema + "." + name
                + " does not exist; check --table (a name without schema is looked for in " + schema + ")"));
        return table(c, oid);
    }

    static Table table(Connection c, long oid) throws SQLException {
        record Rel(String schema, String name, char kind, boolean unlogged, String[] options) {
        }
        Rel rel = Sql.query(c, "select n.nspname, c.relname, c.relkind, c.relpersistence = 'u', c.reloptions"
                + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where c.oid = ?",
                rs -> new Rel(rs.getString(1), rs.getString(2), rs.getString(3).charAt(0), rs.getBoolean(4), Sql.strings(rs, 5)),
                oid).get(0);
        List<Column> columns = Sql.query(c, "select attname, pg_catalog.format_type(atttypid, atttypmod), attgenerated <> ''"
                + " from pg_catalog.pg_attribute where attrelid = ? and attnum > 0 and not attisdropped order by attnum",
                rs -> new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3)), oid);
        List<String[]> key = Sql.query(c, "select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)"
                + " from pg_catalog.pg_index i cross join lateral unnest(i.indkey) with ordinality as k(attnum, pos)"
                + " join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum"
                + " where i.indrelid = ? and i.indisprimary order by k.pos",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, oid);
        return new Table(oid, rel.schema(), rel.name(), rel.kind(), rel.unlogged(),
                rel.options() == null ? List.of() : List.of(rel.options()), columns,
                key.stream().map(k -> k[0]).toList(), key.stream().map(k -> k[1]).toList());
    }

    /** Refuses a table the rewrite cannot copy safely, before anything is created. */
    static void requireRewritable(Connection c, Table t) throws SQLException {
        if (t.kind() != 'r') {
            throw new RewriteException(t.schema() + "." + t.name() + " is " + (t.kind() == 'p' ? "already partitioned" : "not a plain table")
                    + "; sluice rewrite copies plain tables");
        }
        if (t.keyColumns().isEmpty()) {
            throw new RewriteException(t.schema() + "." + t.name() + " has no primary key; the copy walks the key and the change log"
                    + " names rows by it. Add a primary key first (an online add_unique, then ALTER TABLE ... ADD PRIMARY KEY USING INDEX)");
        }
        boolean inherits = Sql.query(c, "select exists (select 1 from pg_catalog.pg_inherits where inhrelid = ? or inhparent = ?)",
                rs -> rs.getBoolean(1), t.oid(), t.oid()).get(0);
        if (inherits) {
            throw new RewriteException(t.schema() + "." + t.name() + " takes part in inheritance; sluice rewrite copies plain tables only");
        }
        List<String> matviews = Sql.query(c, "select distinct v.relname from pg_catalog.pg_depend d join pg_catalog.pg_rewrite r on r.oid = d.objid"
                + " join pg_catalog.pg_class v on v.oid = r.ev_class where d.classid = 'pg_catalog.pg_rewrite'::regclass"
                + " and d.refobjid = ? and v.relkind = 'm'", rs -> rs.getString(1), t.oid());
        if (!matviews.isEmpty()) {
            throw new RewriteException("materialized views " + matviews + " read " + t.schema() + "." + t.name()
                    + "; they would need a full refresh inside the swap. Drop them first and create them again after the rewrite");
        }
    }

    /** A rough row count for progress: the planner's estimate, or a count when the table was never analyzed. */
    static long estimatedRows(Connection c, Table t, String qualified) throws SQLException {
        long estimate = Sql.query(c, "select reltuples::bigint from pg_catalog.pg_class where oid = ?", rs -> rs.getLong(1), t.oid()).get(0);
        if (estimate >= 0) {
            return estimate;
        }
        return Sql.query(c, "select count(*) from " + qualified, rs -> rs.getLong(1)).get(0);
    }
}
