package dev.sluice.online.internal;

import dev.sluice.online.OnlineException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads what planning needs to know about the tables a change touches. Takes no lock on them. */
final class CatalogReader {

    private CatalogReader() {
    }

    /**
     * @param table as written in the file: {@code users} (in {@code baseSchema}) or {@code app.users}
     */
    static TableInfo table(Connection c, String table, String baseSchema) throws SQLException {
        String schema = baseSchema;
        String name = table;
        int dot = table.indexOf('.');
        if (dot > 0) {
            schema = table.substring(0, dot);
            name = table.substring(dot + 1);
        }
        long oid;
        try (PreparedStatement ps = c.prepareStatement("select c.oid from pg_catalog.pg_class c join pg_catalog.pg_namespace n"
                + " on n.oid = c.relnamespace where n.nspname = ? and c.relname = ? and c.relkind in ('r', 'p')")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new OnlineException("table " + schema + "." + name + " does not exist; check the 'table' of the operation"
                            + " (a name without schema is looked for in " + baseSchema + ")");
                }
                oid = rs.getLong(1);
            }
        }
        List<TableInfo.Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),"
                + " a.attnotnull, pg_catalog.pg_get_expr(d.adbin, d.adrelid)"
                + " from pg_catalog.pg_attribute a"
                + " left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
                + " where a.attrelid = ? and a.attnum > 0 and not a.attisdropped order by a.attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new TableInfo.Column(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            Optional.ofNullable(rs.getString(4))));
                }
            }
        }
        Optional<String> pk = Optional.empty();
        try (PreparedStatement ps = c.prepareStatement("select a.attname from pg_catalog.pg_index i"
                + " join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)"
                + " where i.indrelid = ? and i.indisprimary and i.indnatts = 1")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    pk = Optional.of(rs.getString(1));
                }
            }
        }
        Set<String> constrained = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select a.attname from pg_catalog.pg_attribute a where a.attrelid = ?"
                + " and (exists (select 1 from pg_catalog.pg_index i where i.indrelid = a.attrelid and a.attnum = any (i.indkey))"
                + "  or exists (select 1 from pg_catalog.pg_constraint k where k.conrelid = a.attrelid and a.attnum = any (k.conkey))"
                + "  or exists (select 1 from pg_catalog.pg_constraint k where k.confrelid = a.attrelid and a.attnum = any (k.confkey)))")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    constrained.add(rs.getString(1));
                }
            }
        }
        return new TableInfo(schema, name, columns, pk, constrained);
    }

    /** Whether a table, view, index, sequence or other relation named {@code name} exists in {@code schema}. */
    static boolean relationExists(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from pg_catalog.pg_class c"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relname = ?)")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** An index as the catalog describes it: its table, {@code pg_get_indexdef}, the constraint it backs. */
    record Index(String table, String definition, Optional<String> constraint) {
    }

    static Optional<Index> index(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select t.relname, pg_catalog.pg_get_indexdef(i.indexrelid),"
                + " (select k.conname from pg_catalog.pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x'))"
                + " from pg_catalog.pg_index i join pg_catalog.pg_class x on x.oid = i.indexrelid"
                + " join pg_catalog.pg_class t on t.oid = i.indrelid join pg_catalog.pg_namespace n on n.oid = x.relnamespace"
                + " where n.nspname = ? and x.relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Index(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3))));
            }
        }
    }

    /** The server's major version number times 10000, e.g. 150004. */
    static int serverVersion(Connection c) throws SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("show server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }
}
