package dev.sluice.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that knows how other migration tools name their history tables, so that the guard of the
 * verbs, {@code adopt} and the schema comparison of {@code drift} and {@code diff} recognise the same ones:
 * <ul>
 *   <li>Flyway: {@code flyway_schema_history};</li>
 *   <li>Prisma Migrate: {@code _prisma_migrations};</li>
 *   <li>Drizzle: {@code __drizzle_migrations} (in the {@code drizzle} schema by default);</li>
 *   <li>TypeORM: {@code migrations}, but only with TypeORM's columns {@code timestamp} and {@code name}, since
 *       an application may well have a table of that name for something else;</li>
 *   <li>numbered SQL files: {@code schema_migrations}, the usual hand-made tracking table.</li>
 * </ul>
 * A table is found in any schema; the preferred schema comes first, then the current one, then the others
 * alphabetically.
 */
public final class ForeignHistoryTables {

    /** The tracking table of a numbered-SQL project when none is named. */
    public static final String NUMBERED_DEFAULT = "schema_migrations";

    private ForeignHistoryTables() {
    }

    /** Every other tool's history table in the database, Flyway's first, in the order of the list above. */
    public static List<ForeignHistoryTable> find(Connection c, String preferredSchema) throws SQLException {
        List<ForeignHistoryTable> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select case r.relname when 'flyway_schema_history' then 'flyway' "
                + "when '_prisma_migrations' then 'prisma' when '__drizzle_migrations' then 'drizzle' "
                + "when 'migrations' then 'typeorm' else 'numbered' end as tool, n.nspname, r.relname "
                + "from pg_catalog.pg_class r join pg_catalog.pg_namespace n on n.oid = r.relnamespace "
                + "where r.relkind in ('r', 'p') and (r.relname in ('flyway_schema_history', '_prisma_migrations', "
                + "'__drizzle_migrations', '" + NUMBERED_DEFAULT + "') or (r.relname = 'migrations' "
                + "and exists (select 1 from pg_catalog.pg_attribute a where a.attrelid = r.oid and a.attname = 'timestamp' "
                + "and a.attnum > 0 and not a.attisdropped) "
                + "and exists (select 1 from pg_catalog.pg_attribute a where a.attrelid = r.oid and a.attname = 'name' "
                + "and a.attnum > 0 and not a.attisdropped))) "
                + "order by array_position(array['flyway_schema_history', '_prisma_migrations', '__drizzle_migrations', "
                + "'migrations', '" + NUMBERED_DEFAULT + "']::name[], r.relname), n.nspname = ? desc, "
                + "n.nspname = current_schema() desc, n.nspname")) {
            ps.setString(1, preferredSchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new ForeignHistoryTable(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return found;
    }

    /** The first table of {@code tool}, as {@link #find} orders them. */
    public static Optional<ForeignHistoryTable> find(Connection c, String tool, String preferredSchema) throws SQLException {
        return find(c, preferredSchema).stream().filter(t -> t.tool().equals(tool)).findFirst();
    }

    /** A table of the given name, whatever it looks like: a numbered project's own tracking table, named by the user. */
    public static Optional<ForeignHistoryTable> named(Connection c, String tool, String name, String preferredSchema)
            throws SQLException {
        String schema = null;
        String table = name;
        int dot = name.indexOf('.');
        if (dot > 0) {
            schema = name.substring(0, dot);
            table = name.substring(dot + 1);
        }
        try (PreparedStatement ps = c.prepareStatement("select n.nspname from pg_catalog.pg_class r "
                + "join pg_catalog.pg_namespace n on n.oid = r.relnamespace where r.relname = ? and r.relkind in ('r', 'p') "
                + "and (?::text is null or n.nspname = ?) "
                + "order by n.nspname = ? desc, n.nspname = current_schema() desc, n.nspname limit 1")) {
            ps.setString(1, table);
            ps.setString(2, schema);
            ps.setString(3, schema);
            ps.setString(4, preferredSchema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ForeignHistoryTable(tool, rs.getString(1), table)) : Optional.empty();
            }
        }
    }
}
