package dev.sluice.rewrite.internal;

import dev.sluice.rewrite.RewritePhase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.sluice.db.Identifiers.quote;

/**
 * One row per table being rewritten, in {@code sluice_rewrite} next to the history table: the phase, the
 * copy's high-water mark (moved in the same transaction as each batch, so a resumed copy starts exactly
 * after the last committed one), and what the swap needs to know (column mapping, index name pairs).
 * Another process (an abort, a cleanup) works from this row alone.
 */
final class RewriteState {

    static final String TABLE = "sluice_rewrite";

    /**
     * @param highWater     the key of the last copied row, as text per key column; empty before the first batch
     * @param bound         the largest key when the capture began: the copy stops there; empty for an empty table
     * @param copyColumns   shadow columns the copy writes, with {@code copyExprs} over the original's columns
     * @param backColumns   original columns a replay back (after the swap) writes, read by name from the new table
     * @param liveIndexes   index names of the original, paired with {@code shadowIndexes} on the shadow
     */
    record Row(String schema, String table, String alter, RewritePhase phase, List<String> keyColumns, List<String> keyTypes,
               List<String> copyColumns, List<String> copyExprs, List<String> backColumns,
               List<String> liveIndexes, List<String> shadowIndexes, Optional<List<String>> highWater, Optional<List<String>> bound, boolean copyDone,
               long rowsCopied, long rowsEstimate) {

        Row withBound(Optional<List<String>> b) {
            return new Row(schema, table, alter, phase, keyColumns, keyTypes, copyColumns, copyExprs, backColumns, liveIndexes,
                    shadowIndexes, highWater, b, b.isEmpty(), rowsCopied, rowsEstimate);
        }

        Names names() {
            return new Names(schema, table);
        }
    }

    private final String qualified;

    RewriteState(String sluiceSchema) {
        this.qualified = quote(sluiceSchema) + "." + quote(TABLE);
    }

    void create(Connection c, String sluiceSchema) throws SQLException {
        Sql.exec(c, "create schema if not exists " + quote(sluiceSchema));
        Sql.exec(c, "create table if not exists " + qualified + " (table_schema text not null, table_name text not null,"
                + " alter_text text not null, phase text not null, key_columns text[] not null, key_types text[] not null,"
                + " copy_columns text[] not null, copy_exprs text[] not null, back_columns text[] not null,"
                + " live_indexes text[] not null, shadow_indexes text[] not null, high_water text[], bound text[], copy_done boolean not null default false,"
                + " rows_copied bigint not null default 0, rows_estimate bigint not null default 0,"
                + " started_at timestamptz not null default now(), swapped_at timestamptz, primary key (table_schema, table_name))");
    }

    boolean exists(Connection c) throws SQLException {
        return Sql.query(c, "select to_regclass(?) is not null", rs -> rs.getBoolean(1), qualified).get(0);
    }

    void insert(Connection c, Row r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + qualified + " (table_schema, table_name, alter_text, phase,"
                + " key_columns, key_types, copy_columns, copy_exprs, back_columns, live_indexes, shadow_indexes, rows_estimate,"
                + " bound, copy_done) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.schema());
            ps.setString(2, r.table());
            ps.setString(3, r.alter());
            ps.setString(4, r.phase().name());
            int i = 5;
            for (List<String> l : List.of(r.keyColumns(), r.keyTypes(), r.copyColumns(), r.copyExprs(), r.backColumns(),
                    r.liveIndexes(), r.shadowIndexes())) {
                ps.setArray(i++, c.createArrayOf("text", l.toArray()));
            }
            ps.setLong(i, r.rowsEstimate());
            ps.setArray(i + 1, r.bound().isEmpty() ? null : c.createArrayOf("text", r.bound().get().toArray()));
            ps.setBoolean(i + 2, r.copyDone());
            ps.executeUpdate();
        }
    }

    Optional<Row> find(Connection c, String schema, String table) throws SQLException {
        if (!exists(c)) {
            return Optional.empty();
        }
        return all(c, " where table_schema = ? and table_name = ?", schema, table).stream().findFirst();
    }

    List<Row> all(Connection c) throws SQLException {
        return exists(c) ? all(c, "") : List.of();
    }

    private List<Row> all(Connection c, String where, Object... params) throws SQLException {
        return Sql.query(c, "select table_schema, table_name, alter_text, phase, key_columns, key_types, copy_columns, copy_exprs,"
                + " back_columns, live_indexes, shadow_indexes, high_water, bound, copy_done, rows_copied, rows_estimate from " + qualified + where
                + " order by table_schema, table_name", RewriteState::row, params);
    }

    private static Row row(ResultSet rs) throws SQLException {
        String[] hw = Sql.strings(rs, 12);
        String[] bound = Sql.strings(rs, 13);
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), RewritePhase.valueOf(rs.getString(4)),
                list(rs, 5), list(rs, 6), list(rs, 7), list(rs, 8), list(rs, 9), list(rs, 10), list(rs, 11),
                Optional.ofNullable(hw).map(Arrays::asList), Optional.ofNullable(bound).map(Arrays::asList), rs.getBoolean(14),
                rs.getLong(15), rs.getLong(16));
    }

    private static List<String> list(ResultSet rs, int column) throws SQLException {
        return List.of(Sql.strings(rs, column));
    }

    void advance(Connection c, Row r, String[] highWater, long rows, boolean done) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + qualified + " set high_water = coalesce(?, high_water),"
                + " rows_copied = rows_copied + ?, copy_done = ? where table_schema = ? and table_name = ?")) {
            ps.setArray(1, highWater == null ? null : c.createArrayOf("text", highWater));
            ps.setLong(2, rows);
            ps.setBoolean(3, done);
            ps.setString(4, r.schema());
            ps.setString(5, r.table());
            ps.executeUpdate();
        }
    }

    void phase(Connection c, Row r, RewritePhase phase) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + qualified + " set phase = ?,"
                + " swapped_at = case when ? = 'SWAPPED' then now() else swapped_at end where table_schema = ? and table_name = ?")) {
            ps.setString(1, phase.name());
            ps.setString(2, phase.name());
            ps.setString(3, r.schema());
            ps.setString(4, r.table());
            ps.executeUpdate();
        }
    }

    void delete(Connection c, Row r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + qualified + " where table_schema = ? and table_name = ?")) {
            ps.setString(1, r.schema());
            ps.setString(2, r.table());
            ps.executeUpdate();
        }
    }
}
