package dev.sluice.trace.internal;

import dev.sluice.sql.LockMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The user relations of a database with their data file numbers. Comparing two readings shows what a
 * statement created, dropped or rewrote: a rewrite gives a relation a new {@code relfilenode}.
 */
final class RelationCatalog {

    record Relation(long oid, String name, String kind, long fileNode) {
    }

    private static final String QUERY = "select c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname), "
            + "case c.relkind when 'r' then 'table' when 'p' then 'partitioned table' when 'i' then 'index' "
            + "when 'I' then 'partitioned index' when 'S' then 'sequence' when 'm' then 'materialized view' "
            + "when 'v' then 'view' when 't' then 'toast table' else c.relkind::text end, c.relfilenode "
            + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            + "where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' "
            + "and n.nspname not like 'pg_temp%'";

    private RelationCatalog() {
    }

    static Map<Long, Relation> read(Connection c) throws SQLException {
        Map<Long, Relation> relations = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            while (rs.next()) {
                relations.put(rs.getLong(1), new Relation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
        }
        return relations;
    }

    /** The strongest lock this session holds on each user relation, by oid. */
    static Map<Long, LockMode> locksHeld(Connection c) throws SQLException {
        Map<Long, LockMode> locks = new HashMap<>();
        String sql = "select l.relation, l.mode from pg_locks l join pg_class c on c.oid = l.relation "
                + "join pg_namespace n on n.oid = c.relnamespace where l.pid = pg_backend_pid() and l.granted "
                + "and l.locktype = 'relation' and n.nspname not in ('pg_catalog', 'information_schema')";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                LockMode mode = LockMode.of(rs.getString(2));
                locks.merge(rs.getLong(1), mode, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return locks;
    }
}
