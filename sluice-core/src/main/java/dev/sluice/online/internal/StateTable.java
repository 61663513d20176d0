package dev.sluice.online.internal;

import dev.sluice.db.Identifiers;
import dev.sluice.online.BackfillProgress;
import dev.sluice.online.OnlineChange;
import dev.sluice.online.SearchPath;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sluice's record of online changes, next to the history table: {@code sluice_online_state}, one row per
 * change in progress or completed, holding the statements that complete and rollback will run (fixed at
 * start, since the catalog changes under them), and {@code sluice_online_backfill}, one row per
 * backfilled table with its high-water mark. Schema snapshots leave both out.
 */
final class StateTable {

    static final String BACKFILL_TABLE = "sluice_online_backfill";

    private static final List<String> CONCURRENT_COLUMNS = List.of("start_concurrent_sql", "complete_concurrent_sql",
            "rollback_concurrent_sql");

    private final String state;
    private final String backfill;
    private final String schema;

    StateTable(String historySchema) {
        this.schema = Identifiers.quote(historySchema);
        this.state = schema + "." + Identifiers.quote(SearchPath.STATE_TABLE);
        this.backfill = schema + "." + Identifiers.quote(BACKFILL_TABLE);
    }

    /** The saved statements of a change in progress. */
    record Saved(OnlineChange change, PhaseSql steps) {
    }

    void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create schema if not exists " + schema);
            s.execute("create table if not exists " + state + " (version text primary key, description text not null,"
                    + " script text not null, checksum text, phase text not null, old_schema text not null,"
                    + " new_schema text not null, started_at timestamptz not null default now(), completed_at timestamptz,"
                    + " validate_sql text[] not null, contract_sql text[] not null, rollback_sql text[] not null)");
            // Statements that run outside a transaction (concurrent index builds and drops); a state table
            // made before they existed gets the columns empty.
            for (String column : CONCURRENT_COLUMNS) {
                s.execute("alter table " + state + " add column if not exists " + column + " text[] not null default '{}'");
            }
            s.execute("create table if not exists " + backfill + " (version text not null, table_name text not null,"
                    + " key_column text not null, key_type text not null, touch_column text not null, high_water text, bound text,"
                    + " rows_done bigint not null default 0, rows_total bigint not null default 0,"
                    + " done boolean not null default false, primary key (version, table_name))");
            // The current (or last) run of each backfill, so that status gives its rate from another process.
            s.execute("alter table " + backfill + " add column if not exists run_started_at timestamptz,"
                    + " add column if not exists run_rows bigint not null default 0, add column if not exists updated_at timestamptz");
            // The SET list a batch computes the new columns with. A row written before it existed names a
            // column to touch instead, and its change's trigger computes them.
            s.execute("alter table " + backfill + " add column if not exists set_sql text, alter column touch_column drop not null");
        }
    }

    boolean exists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    void insert(Connection c, String version, String description, String script, String checksum, String oldSchema,
                String newSchema, PhaseSql steps) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + state + " (version, description, script, checksum, phase,"
                + " old_schema, new_schema, validate_sql, contract_sql, rollback_sql, start_concurrent_sql, complete_concurrent_sql,"
                + " rollback_concurrent_sql) values (?, ?, ?, ?, 'STARTED', ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, version);
            ps.setString(2, description);
            ps.setString(3, script);
            ps.setString(4, checksum);
            ps.setString(5, oldSchema);
            ps.setString(6, newSchema);
            ps.setArray(7, c.createArrayOf("text", steps.validate().toArray()));
            ps.setArray(8, c.createArrayOf("text", steps.contract().toArray()));
            ps.setArray(9, c.createArrayOf("text", steps.rollback().toArray()));
            ps.setArray(10, c.createArrayOf("text", steps.startConcurrent().toArray()));
            ps.setArray(11, c.createArrayOf("text", steps.completeConcurrent().toArray()));
            ps.setArray(12, c.createArrayOf("text", steps.rollbackConcurrent().toArray()));
            ps.executeUpdate();
        }
    }

    void addBackfill(Connection c, String version, OnlinePlanner.BackfillTarget target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + backfill
                + " (version, table_name, key_column, key_type, set_sql) values (?, ?, ?, ?, ?)")) {
            ps.setString(1, version);
            ps.setString(2, target.qualified());
            ps.setString(3, target.key());
            ps.setString(4, target.keyType());
            ps.setString(5, target.assignments());
            ps.executeUpdate();
        }
    }

    void completed(Connection c, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + state + " set phase = 'COMPLETED', completed_at = now()"
                + " where version = ?")) {
            ps.setString(1, version);
            ps.executeUpdate();
        }
        deleteBackfills(c, version);
    }

    void delete(Connection c, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + state + " where version = ?")) {
            ps.setString(1, version);
            ps.executeUpdate();
        }
        deleteBackfills(c, version);
    }

    private void deleteBackfills(Connection c, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + backfill + " where version = ?")) {
            ps.setString(1, version);
            ps.executeUpdate();
        }
    }

    /** The change in progress, if any. */
    Optional<Saved> inProgress(Connection c) throws SQLException {
        return read(c, "where phase = 'STARTED'");
    }

    /** The newest completed change, whose (empty) view schema old clients of the next change still name. */
    Optional<Saved> lastCompleted(Connection c) throws SQLException {
        return read(c, "where phase = 'COMPLETED' order by completed_at desc limit 1");
    }

    private Optional<Saved> read(Connection c, String where) throws SQLException {
        if (!exists(c)) {
            return Optional.empty();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select version, description, script, phase,"
                + " old_schema, new_schema, started_at, completed_at, validate_sql, contract_sql, rollback_sql, start_concurrent_sql,"
                + " complete_concurrent_sql, rollback_concurrent_sql from " + state + " " + where)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            String version = rs.getString(1);
            Timestamp completed = rs.getTimestamp(8);
            OnlineChange change = new OnlineChange(version, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getTimestamp(7).toInstant(), Optional.ofNullable(completed).map(Timestamp::toInstant),
                    List.of());
            PhaseSql steps = new PhaseSql(strings(rs.getArray(12)), strings(rs.getArray(13)), strings(rs.getArray(9)),
                    strings(rs.getArray(10)), strings(rs.getArray(14)), strings(rs.getArray(11)));
            rs.close();
            List<BackfillProgress> progress = new ArrayList<>();
            for (BackfillRow row : backfills(c, version)) {
                progress.add(new BackfillProgress(row.table(), row.rowsDone(), row.rowsTotal(), row.rowsPerSecond(), row.done()));
            }
            change = new OnlineChange(change.version(), change.description(), change.script(), change.phase(), change.oldSchema(),
                    change.newSchema(), change.startedAt(), change.completedAt(), progress);
            return Optional.of(new Saved(change, steps));
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /**
     * A backfilled table's row. {@code assignments} is the SET list of its batches; a row an earlier version
     * wrote has none and names {@code touchColumn} instead.
     */
    record BackfillRow(String table, String keyColumn, String keyType, Optional<String> assignments, Optional<String> touchColumn,
                       Optional<String> highWater, Optional<String> bound, long rowsDone, long rowsTotal, boolean done, double rowsPerSecond) {
    }

    List<BackfillRow> backfills(Connection c, String version) throws SQLException {
        List<BackfillRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select table_name, key_column, key_type, set_sql, touch_column, high_water, bound, rows_done,"
                + " rows_total, done, case when run_started_at is null or updated_at <= run_started_at then 0"
                + " else run_rows / extract(epoch from updated_at - run_started_at)::float8 end"
                + " from " + backfill + " where version = ? order by table_name")) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new BackfillRow(rs.getString(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                            Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7)),
                            rs.getLong(8), rs.getLong(9), rs.getBoolean(10), rs.getDouble(11)));
                }
            }
        }
        return rows;
    }

    /** A run of the backfill begins (the first, or one that resumes): its rate is counted from now. */
    void startRun(Connection c, String version, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + backfill + " set run_started_at = clock_timestamp(), run_rows = 0,"
                + " updated_at = clock_timestamp() where version = ? and table_name = ?")) {
            ps.setString(1, version);
            ps.setString(2, table);
            ps.executeUpdate();
        }
    }

    /** Fixes the bound and total of a backfill the first time it runs. */
    void begin(Connection c, String version, String table, String bound, long total) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + backfill + " set bound = ?, rows_total = ?, done = ?"
                + " where version = ? and table_name = ?")) {
            ps.setString(1, bound);
            ps.setLong(2, total);
            ps.setBoolean(3, bound == null);
            ps.setString(4, version);
            ps.setString(5, table);
            ps.executeUpdate();
        }
    }

    /**
     * The UPDATE that moves a backfill's high-water mark by the batch {@code batch} names, a relation (a CTE
     * of the batch's statement) of one row with {@code written} (rows), {@code last_key} (the end of the
     * batch's key range, as text) and {@code finished} (that end is the bound); parameters: version, table.
     * It runs in the batch's own statement, so a resumed backfill starts exactly after the last committed
     * batch.
     */
    String advance(String batch) {
        return "update " + backfill + " set high_water = " + batch + ".last_key, rows_done = rows_done + "
                + batch + ".written, run_rows = run_rows + " + batch + ".written, updated_at = clock_timestamp(), done = "
                + batch + ".finished from " + batch + " where version = ? and table_name = ?";
    }
}
