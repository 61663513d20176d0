package dev.sluice.rewrite.internal;

import dev.sluice.rewrite.RewriteException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The range partitions of a table being converted: one per step from the lowest value of the column
 * (aligned down to the step) to one step past the highest, and a DEFAULT partition so that no write is
 * ever refused for a value outside them (NULL included). Read once, before the shadow is created.
 *
 * <p>Hazard: rows that land in the default partition make a later {@code ATTACH}/{@code CREATE ... PARTITION
 * OF} for their range scan the default partition; add partitions ahead of time.
 */
final class Partitions {

    record Partition(String name, String from, String to) {
    }

    private Partitions() {
    }

    static List<Partition> plan(Connection c, TableCatalog.Table table, AlterSpec.Partitioning spec, String qualified) throws SQLException {
        TableCatalog.Column column = table.column(spec.column()).orElseThrow(() -> new RewriteException("PARTITION BY RANGE ("
                + spec.column() + "): " + table.schema() + "." + table.name() + " has no such column"));
        String type = column.type().toLowerCase(Locale.ROOT);
        String col = dev.sluice.db.Identifiers.quote(spec.column());
        String sql;
        Object step;
        if (type.matches("smallint|integer|bigint|numeric.*")) {
            try {
                step = Long.parseLong(spec.every().trim());
            } catch (NumberFormatException e) {
                throw new RewriteException("PARTITION BY RANGE (" + spec.column() + ") EVERY " + spec.every() + ": "
                        + spec.column() + " is " + type + ", so the step must be a whole number, e.g. EVERY 1000000");
            }
            sql = "select g::text, (g + s)::text, replace(g::text, '-', 'm') from (select min(" + col + ") lo, max(" + col + ") hi from "
                    + qualified + ") m, (select ?::bigint s) st, generate_series((floor(m.lo::numeric / st.s) * st.s)::bigint, m.hi::bigint, st.s) g";
        } else if (type.matches("date|timestamp.*")) {
            String unit = unit(spec.every());
            step = spec.every();
            String pattern = unit.equals("hour") ? "YYYYMMDDHH24" : "YYYYMMDD";
            sql = "select g::" + type + "::text, (g + st.s)::" + type + "::text, to_char(g, '" + pattern + "') from (select min(" + col + ") lo, max("
                    + col + ") hi from " + qualified + ") m, (select ?::interval s) st,"
                    + " generate_series(date_trunc('" + unit + "', m.lo::timestamp), m.hi::timestamp, st.s) g";
        } else {
            throw new RewriteException("PARTITION BY RANGE (" + spec.column() + "): " + spec.column() + " is " + type
                    + "; generated partitions need an integer, date or timestamp column");
        }
        List<Partition> parts = new ArrayList<>(Sql.query(c, sql, rs -> new Partition(
                Names.cut(table.name() + "_p" + rs.getString(3)), rs.getString(1), rs.getString(2)), step));
        if (!parts.isEmpty()) {
            Partition last = parts.get(parts.size() - 1);
            String next = Sql.query(c, "select (?::" + type + " + " + (step instanceof Long ? "?::bigint" : "?::interval") + ")::" + type + "::text",
                    rs -> rs.getString(1), last.to(), step.toString()).get(0);
            String suffix = Sql.query(c, step instanceof Long ? "select replace(?::text, '-', 'm')"
                            : "select to_char(?::" + type + ", '" + (unit(spec.every()).equals("hour") ? "YYYYMMDDHH24" : "YYYYMMDD") + "')",
                    rs -> rs.getString(1), last.to()).get(0);
            parts.add(new Partition(Names.cut(table.name() + "_p" + suffix), last.to(), next));
        }
        parts.add(new Partition(Names.cut(table.name() + "_default"), null, null));
        return parts;
    }

    /** The unit partitions align to: the largest unit the step names. */
    private static String unit(String every) {
        String e = every.toLowerCase(Locale.ROOT);
        for (String u : List.of("year", "mon", "week", "day", "hour")) {
            if (e.contains(u)) {
                return u.equals("mon") ? "month" : u;
            }
        }
        throw new RewriteException("PARTITION BY RANGE ... EVERY '" + every + "': give the step as an interval of hours, days,"
                + " weeks, months or years, e.g. EVERY '1 month'");
    }
}
