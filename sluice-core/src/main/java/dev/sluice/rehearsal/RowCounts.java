package dev.sluice.rehearsal;

import dev.sluice.db.Identifiers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact row counts of every user table, so a rehearsal can tell whether a down gave back the data its
 * up found. Exact counts are fine on a scratch database with seed data; never run this on production.
 */
final class RowCounts {

    private RowCounts() {
    }

    static Map<String, Long> of(Connection c, String historySchema, String historyTable) throws SQLException {
        List<String> tables = new ArrayList<>();
        String sql = "select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') "
                + "and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%' and not c.relispartition";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (!(rs.getString(1).equals(historySchema) && rs.getString(2).equals(historyTable))) {
                    tables.add(Identifiers.quote(rs.getString(1)) + "." + Identifiers.quote(rs.getString(2)));
                }
            }
        }
        Map<String, Long> counts = new TreeMap<>();
        try (Statement s = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("select count(*) from " + t)) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Lines for every table that both readings have and whose count changed. */
    static List<String> differences(Map<String, Long> before, Map<String, Long> after) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Long> e : before.entrySet()) {
            Long now = after.get(e.getKey());
            if (now != null && !now.equals(e.getValue())) {
                lines.add(e.getKey() + ": " + e.getValue() + " rows before the up, " + now + " after the down");
            }
        }
        return lines;
    }
}
