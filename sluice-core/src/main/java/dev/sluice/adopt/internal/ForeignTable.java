package dev.sluice.adopt.internal;

import dev.sluice.db.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Another tool's history table. Tools keep it in their default schema, so it is looked for in Sluice's
 * history schema first, then in the current schema, then in any schema (alphabetically).
 */
record ForeignTable(String schema, String table) {

    static Optional<ForeignTable> find(Connection c, String table, String preferredSchema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select n.nspname from pg_catalog.pg_class r "
                + "join pg_catalog.pg_namespace n on n.oid = r.relnamespace where r.relname = ? and r.relkind in ('r', 'p') "
                + "order by n.nspname = ? desc, n.nspname = current_schema() desc, n.nspname limit 1")) {
            ps.setString(1, table);
            ps.setString(2, preferredSchema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ForeignTable(rs.getString(1), table)) : Optional.empty();
            }
        }
    }

    /** {@code schema.table}, unquoted, for messages. */
    String qualifiedName() {
        return schema + "." + table;
    }

    /** Quoted, for SQL. */
    String sqlName() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(table);
    }
}
