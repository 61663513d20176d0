package dev.sluice.adopt.internal;

import dev.sluice.db.ForeignHistoryTable;
import dev.sluice.db.ForeignHistoryTables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Prisma Migrate's history table, {@code _prisma_migrations}, read and never written. */
public final class PrismaHistory {

    public static final String TABLE = "_prisma_migrations";

    private final ForeignHistoryTable table;

    private PrismaHistory(ForeignHistoryTable table) {
        this.table = table;
    }

    public static Optional<PrismaHistory> find(Connection c, String preferredSchema) throws SQLException {
        return ForeignHistoryTables.find(c, "prisma", preferredSchema).map(PrismaHistory::new);
    }

    public String qualifiedName() {
        return table.qualifiedName();
    }

    /** Every row, in the order Prisma started them. */
    public List<PrismaRow> rows(Connection c) throws SQLException {
        List<PrismaRow> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, checksum, finished_at, migration_name, "
                + "rolled_back_at, started_at, applied_steps_count from " + table.sqlName() + " order by started_at, migration_name")) {
            while (rs.next()) {
                rows.add(new PrismaRow(rs.getString("id"), rs.getString("checksum"), instant(rs.getTimestamp("finished_at")),
                        rs.getString("migration_name"), instant(rs.getTimestamp("rolled_back_at")),
                        rs.getTimestamp("started_at").toInstant(), rs.getInt("applied_steps_count")));
            }
        }
        return rows;
    }

    /** How many migrations Prisma finished and did not mark rolled back. */
    public long appliedCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table.sqlName()
                + " where finished_at is not null and rolled_back_at is null")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Optional<java.time.Instant> instant(Timestamp t) {
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }
}
