package dev.sluice.adopt.internal;

import dev.sluice.db.ForeignHistoryTable;
import dev.sluice.db.ForeignHistoryTables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Flyway's history table, read and never written. Flyway keeps it in its default schema (the first of its
 * {@code schemas}, else the connection's), so it is looked for in Sluice's history schema first, then in
 * the current schema, then in any schema.
 */
public final class FlywayHistory {

    public static final String TABLE = "flyway_schema_history";

    private final ForeignHistoryTable table;

    private FlywayHistory(ForeignHistoryTable table) {
        this.table = table;
    }

    /** The table, when one exists in the database; {@code preferredSchema} wins over others. */
    public static Optional<FlywayHistory> find(Connection c, String preferredSchema) throws SQLException {
        return ForeignHistoryTables.find(c, "flyway", preferredSchema).map(FlywayHistory::new);
    }

    /** {@code schema.flyway_schema_history}, unquoted, for messages. */
    public String qualifiedName() {
        return table.qualifiedName();
    }

    /** Every row, in Flyway's order ({@code installed_rank}). */
    public List<FlywayRow> rows(Connection c) throws SQLException {
        List<FlywayRow> rows = new ArrayList<>();
        // installed_on is a timestamp without time zone that Flyway fills with now(): read in the session's zone.
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select installed_rank, version, description, type, "
                + "script, checksum, installed_by, installed_on::timestamptz as installed_on, execution_time, success from "
                + table.sqlName() + " order by installed_rank")) {
            while (rs.next()) {
                int checksum = rs.getInt("checksum");
                Optional<Integer> sum = rs.wasNull() ? Optional.empty() : Optional.of(checksum);
                rows.add(new FlywayRow(rs.getInt("installed_rank"), Optional.ofNullable(rs.getString("version")),
                        rs.getString("description"), rs.getString("type"), rs.getString("script"), sum,
                        rs.getString("installed_by"), rs.getTimestamp("installed_on").toInstant(),
                        rs.getLong("execution_time"), rs.getBoolean("success")));
            }
        }
        return rows;
    }

    /** How many migrations Flyway applied successfully (its schema marker and undone ones aside), cheaply. */
    public long appliedCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from "
                + table.sqlName() + " where success and type <> 'SCHEMA'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
