package dev.sluice.adopt.internal;

import dev.sluice.db.ForeignHistoryTable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of Drizzle's, TypeORM's or a numbered project's history table, read and never written, each as
 * its columns by name (lower case), in the table's order of insertion ({@code id} when it has one).
 */
final class OtherHistory {

    private OtherHistory() {
    }

    static List<Map<String, Object>> rows(Connection c, ForeignHistoryTable table) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from " + table.sqlName())) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        rows.sort((a, b) -> a.get("id") instanceof Number x && b.get("id") instanceof Number y
                ? Long.compare(x.longValue(), y.longValue()) : 0);
        return rows;
    }

    static long count(Connection c, ForeignHistoryTable table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table.sqlName())) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
