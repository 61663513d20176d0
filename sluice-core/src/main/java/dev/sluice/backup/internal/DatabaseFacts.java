package dev.sluice.backup.internal;

import dev.sluice.db.Identifiers;
import dev.sluice.history.AppliedMigration;
import dev.sluice.history.internal.HistoryTable;
import dev.sluice.history.MigrationState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a manifest records about a live database, read over JDBC. */
public final class DatabaseFacts {

    private DatabaseFacts() {
    }

    public static String serverVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1).split(" ")[0];
        }
    }

    public static long databaseSize(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Ordinary and partitioned tables outside the system schemas, as {@code schema.table}. */
    public static List<String> userTables(Connection c) throws SQLException {
        String sql = "select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where c.relkind in ('r', 'p') and not c.relispartition "
                + "and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%' "
                + "order by 1, 2";
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                tables.add(rs.getString(1) + "." + rs.getString(2));
            }
        }
        return tables;
    }

    /** Exact {@code count(*)} of every user table; slow on big tables, but estimates would not prove a restore. */
    public static Map<String, Long> rowCounts(Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : userTables(c)) {
            counts.put(table, count(c, table));
        }
        return counts;
    }

    public static long count(Connection c, String qualified) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + Identifiers.quoteQualified(qualified))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The newest applied versioned migration, when the history table exists. */
    public static Optional<String> lastMigration(Connection c, HistoryTable history) throws SQLException {
        if (!history.exists(c)) {
            return Optional.empty();
        }
        Optional<String> last = Optional.empty();
        for (AppliedMigration row : history.all(c)) {
            if (row.state() == MigrationState.APPLIED && row.version().isPresent()) {
                last = row.version().map(Object::toString);
            }
        }
        return last;
    }

    /** The table as {@code schema.table}, resolved through the search path; empty when it does not exist. */
    public static Optional<String> resolve(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                        + "where c.oid = to_regclass(?)")) {
            ps.setString(1, Identifiers.quoteQualified(name));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1) + "." + rs.getString(2)) : Optional.empty();
            }
        }
    }
}
