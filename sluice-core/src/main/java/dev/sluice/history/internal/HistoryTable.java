package dev.sluice.history.internal;

import dev.sluice.history.MigrationState;
import dev.sluice.history.HistoryConflictException;
import dev.sluice.history.AppliedMigration;
import dev.sluice.db.Identifiers;
import dev.sluice.db.internal.SqlLiterals;
import dev.sluice.db.internal.SqlStates;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The history table: one row per applied or attempted migration, in the order they ran.
 *
 * <p>Every method works on the connection it is given and leaves the transaction to the caller: a
 * migration's row must commit or roll back together with the migration itself.
 *
 * <p>Hazard: rank is computed as {@code max + 1}; it is safe only under the migration lock, which every
 * writer takes first.
 */
public final class HistoryTable {

    private static final String COLUMNS = "installed_rank, version, description, type, script, checksum, "
            + "installed_by, started_at, finished_at, execution_ms, state, schema_fingerprint, statements_done";

    /** Types of rows whose version may be APPLIED or RUNNING at most once at a time; an UNDO row shares its version. */
    private static final String ONCE_PER_VERSION = "state in ('APPLIED', 'RUNNING') and type <> 'UNDO' and version is not null";

    private final String schema;
    private final String table;

    public HistoryTable(String schema, String table) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.table = Objects.requireNonNull(table, "table");
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    /** {@code schema.table}, unquoted; the key of the migration lock and the name in messages. */
    public String qualifiedName() {
        return schema + "." + table;
    }

    private String sqlName() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(table);
    }

    public boolean exists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from pg_catalog.pg_tables where schemaname = ? and tablename = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean schemaExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_catalog.pg_namespace where nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Creates the schema and table where missing. A table that is already current costs one catalog query
     * and takes no lock: {@code CREATE INDEX IF NOT EXISTS} would lock the table before finding the index.
     */
    public void create(Connection c) throws SQLException {
        if (isCurrent(c)) {
            return;
        }
        if (exists(c)) {
            // CREATE ... IF NOT EXISTS checks the CREATE privilege before it looks: a user who may write the
            // history but not create objects would be refused for nothing.
            upgrade(c);
            return;
        }
        try (Statement s = c.createStatement()) {
            if (!schemaExists(c)) {
                s.execute("create schema if not exists " + Identifiers.quote(schema));
            }
            s.execute("create table if not exists " + sqlName() + " ("
                    + "installed_rank integer primary key, "
                    + "version varchar(50), "
                    + "description varchar(200) not null, "
                    + "type varchar(20) not null, "
                    + "script varchar(1000) not null, "
                    + "checksum varchar(64), "
                    + "installed_by varchar(100) not null, "
                    + "started_at timestamptz not null default now(), "
                    + "finished_at timestamptz, "
                    + "execution_ms bigint, "
                    + "state varchar(20) not null, "
                    + "schema_fingerprint varchar(64), "
                    + "statements_done integer)");
            s.execute("create index if not exists " + Identifiers.quote(versionIndex())
                    + " on " + sqlName() + " (version)");
        }
        upgrade(c);
    }

    /**
     * Brings a history table written by an earlier release up to date, reading the catalog first so that a
     * table already current takes no lock at all.
     *
     * <p>The unique index is what makes "exactly once" hold when the migration lock is lost: a runner whose
     * lock session died, and a second runner that took the lock, may both run one migration, but only one of
     * their transactions can commit its APPLIED row, and the other is rolled back whole with it.
     */
    private void upgrade(Connection c) throws SQLException {
        if (!hasColumn(c, "statements_done")) {
            try (Statement s = c.createStatement()) {
                s.execute("alter table " + sqlName() + " add column if not exists statements_done integer");
            }
        }
        String once = onceIndex();
        if (!hasIndex(c, once)) {
            try (Statement s = c.createStatement()) {
                s.execute("create unique index if not exists " + Identifiers.quote(once) + " on " + sqlName()
                        + " (version) where " + ONCE_PER_VERSION);
            } catch (SQLException e) {
                if (!SqlStates.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                throw new IllegalStateException(qualifiedName() + " records one version as applied or running more than "
                        + "once (" + duplicates(c) + "), which an earlier release allowed when a runner lost its lock. Check "
                        + "which row is right, delete the other (delete from " + qualifiedName() + " where installed_rank = ...), "
                        + "and run the command again", e);
            }
        }
    }

    /** Whether the table exists with every column and index this release writes, in one query. */
    private String versionIndex() {
        return table + "_version_idx";
    }

    /** The unique index that lets one version be APPLIED or RUNNING once at a time. */
    private String onceIndex() {
        return table + "_applied_once";
    }

    /**
     * Whether the table exists with every column and index this release writes, in one query; when it is,
     * {@link #create} writes nothing.
     */
    public boolean isCurrent(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from pg_catalog.pg_attribute a "
                + "join pg_catalog.pg_class r on r.oid = a.attrelid join pg_catalog.pg_namespace n on n.oid = r.relnamespace "
                + "where n.nspname = ? and r.relname = ? and r.relkind in ('r', 'p') and a.attname = 'statements_done' "
                + "and not a.attisdropped) "
                + "and (select count(*) from pg_catalog.pg_indexes where schemaname = ? and indexname in (?, ?)) = 2")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, schema);
            ps.setString(4, versionIndex());
            ps.setString(5, onceIndex());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private boolean hasColumn(Connection c, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from information_schema.columns "
                + "where table_schema = ? and table_name = ? and column_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean hasIndex(Connection c, String index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from pg_catalog.pg_indexes where schemaname = ? and indexname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private String duplicates(Connection c) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select version, string_agg(installed_rank::text, ', ' "
                + "order by installed_rank) from " + sqlName() + " where " + ONCE_PER_VERSION
                + " group by version having count(*) > 1 order by min(installed_rank)")) {
            while (rs.next()) {
                found.add("version " + rs.getString(1) + " in rows " + rs.getString(2));
            }
        }
        return String.join("; ", found);
    }

    /** Whether the table exists and holds a row; reads no column, so it works on a table of any release. */
    public boolean hasRows(Connection c) throws SQLException {
        if (!exists(c)) {
            return false;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select exists (select 1 from " + sqlName() + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Every row in rank order; empty when the table does not exist yet. */
    public List<AppliedMigration> all(Connection c) throws SQLException {
        if (!exists(c)) {
            return List.of();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select " + COLUMNS + " from " + sqlName() + " order by installed_rank")) {
            while (rs.next()) {
                rows.add(read(rs));
            }
        }
        return rows;
    }

    private static AppliedMigration read(ResultSet rs) throws SQLException {
        String version = rs.getString("version");
        Timestamp finished = rs.getTimestamp("finished_at");
        long ms = rs.getLong("execution_ms");
        Optional<Long> executionMs = rs.wasNull() ? Optional.empty() : Optional.of(ms);
        return new AppliedMigration(
                rs.getInt("installed_rank"),
                version == null ? Optional.empty() : Optional.of(Version.parse(version)),
                rs.getString("description"),
                MigrationType.valueOf(rs.getString("type")),
                rs.getString("script"),
                Optional.ofNullable(rs.getString("checksum")),
                rs.getString("installed_by"),
                rs.getTimestamp("started_at").toInstant(),
                Optional.ofNullable(finished).map(Timestamp::toInstant),
                executionMs,
                MigrationState.valueOf(rs.getString("state")),
                Optional.ofNullable(rs.getString("schema_fingerprint")),
                optionalInt(rs, "statements_done"));
    }

    private static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    /**
     * Writes a row and returns its rank. A row written APPLIED or FAILED gets its finish time now; a RUNNING
     * row starts with {@code statements_done} at the count given (0 for a fresh run).
     *
     * @throws HistoryConflictException when the version is already APPLIED or RUNNING in another committed or
     *                                  concurrent row: another runner ran it meanwhile
     */
    public int insert(Connection c, HistoryRow row) throws SQLException {
        return insert(c, row, row.state() == MigrationState.RUNNING ? Optional.of(0) : Optional.empty());
    }

    /**
     * The insert of a finished migration's APPLIED row as one plain statement, values written as literals,
     * so that it can travel in a JDBC batch with the migration's last statements and the {@code COMMIT}:
     * the whole end of a step in one round trip, and the commit runs only if the insert succeeded. A
     * conflict fails the insert on the unique index, as {@link #insert(Connection, HistoryRow)} does;
     * {@link #conflict(SQLException, HistoryRow)} names it.
     *
     * <p>The execution time is {@code millisBeforeTransaction} (what the client spent before this attempt's
     * transaction began: earlier attempts, waits) plus the transaction's age on the server when the row is
     * written, since the statements before it run in the same round trip.
     */
    public String appliedRowInsert(HistoryRow row, long millisBeforeTransaction) {
        return "insert into " + sqlName() + " (installed_rank, version, description, type, script, checksum, "
                + "installed_by, started_at, finished_at, execution_ms, state, schema_fingerprint, statements_done) "
                + "select coalesce(max(installed_rank), 0) + 1, "
                + SqlLiterals.quote(row.version().map(Version::toString).orElse(null)) + ", "
                + SqlLiterals.quote(truncate(row.description(), 200)) + ", "
                + SqlLiterals.quote(row.type().name()) + ", "
                + SqlLiterals.quote(truncate(row.script(), 1000)) + ", "
                + SqlLiterals.quote(row.checksum().orElse(null)) + ", "
                + SqlLiterals.quote(truncate(row.installedBy(), 100)) + ", "
                + "clock_timestamp(), clock_timestamp(), "
                + millisBeforeTransaction + " + (extract(epoch from clock_timestamp() - transaction_timestamp()) * 1000)::bigint, "
                + SqlLiterals.quote(row.state().name()) + ", null, null from " + sqlName();
    }

    /** The conflict a failed history insert means, if it was the unique index that refused the row. */
    public Optional<HistoryConflictException> conflict(SQLException e, HistoryRow row) {
        if (SqlStates.UNIQUE_VIOLATION.equals(e.getSQLState()) && row.version().isPresent()) {
            return Optional.of(new HistoryConflictException(row.script() + ": another runner recorded version " + row.version().get()
                    + " while this one ran it (its migration lock was lost); this run's work on it was not kept", e));
        }
        return Optional.empty();
    }

    /** {@link #insert(Connection, HistoryRow)} with the number of statements an interrupted run already finished. */
    public int insert(Connection c, HistoryRow row, Optional<Integer> statementsDone) throws SQLException {
        // The rank is computed in the insert itself: one round trip per history row instead of two.
        String sql = "insert into " + sqlName() + " (installed_rank, version, description, type, script, checksum, "
                + "installed_by, started_at, finished_at, execution_ms, state, schema_fingerprint, statements_done) "
                + "select coalesce(max(installed_rank), 0) + 1, ?, ?, ?, ?, ?, ?, clock_timestamp(), "
                + (row.state() == MigrationState.RUNNING ? "null" : "clock_timestamp()") + ", ?, ?, ?, ? from " + sqlName()
                + " returning installed_rank";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, row.version().map(Version::toString).orElse(null));
            ps.setString(2, truncate(row.description(), 200));
            ps.setString(3, row.type().name());
            ps.setString(4, truncate(row.script(), 1000));
            ps.setString(5, row.checksum().orElse(null));
            ps.setString(6, truncate(row.installedBy(), 100));
            if (row.executionMs().isPresent()) {
                ps.setLong(7, row.executionMs().get());
            } else {
                ps.setNull(7, Types.BIGINT);
            }
            ps.setString(8, row.state().name());
            ps.setString(9, row.fingerprint().orElse(null));
            if (statementsDone.isPresent()) {
                ps.setInt(10, statementsDone.get());
            } else {
                ps.setNull(10, Types.INTEGER);
            }
            if (!ps.execute()) {
                throw new SQLException("the history insert returned no rank");
            }
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            Optional<HistoryConflictException> conflict = conflict(e, row);
            if (conflict.isPresent()) {
                throw conflict.get();
            }
            throw e;
        }
    }

    /**
     * Writes an APPLIED row taken over from another tool's history ({@code sluice adopt}): started when that
     * tool says the migration was installed, finished its execution time later. Nothing runs.
     */
    public int insertAdopted(Connection c, HistoryRow row, Instant installedOn) throws SQLException {
        String sql = "insert into " + sqlName() + " (installed_rank, version, description, type, script, checksum, "
                + "installed_by, started_at, finished_at, execution_ms, state, schema_fingerprint, statements_done) "
                + "select coalesce(max(installed_rank), 0) + 1, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz + coalesce(?::bigint, 0) * interval '1 millisecond', ?, "
                + "'APPLIED', null, null from " + sqlName() + " returning installed_rank";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, row.version().map(Version::toString).orElse(null));
            ps.setString(2, truncate(row.description(), 200));
            ps.setString(3, row.type().name());
            ps.setString(4, truncate(row.script(), 1000));
            ps.setString(5, row.checksum().orElse(null));
            ps.setString(6, truncate(row.installedBy(), 100));
            Timestamp at = Timestamp.from(installedOn);
            ps.setTimestamp(7, at);
            ps.setTimestamp(8, at);
            for (int i : new int[] {9, 10}) {
                if (row.executionMs().isPresent()) {
                    ps.setLong(i, row.executionMs().get());
                } else {
                    ps.setNull(i, Types.BIGINT);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Records that the first {@code done} statements of a RUNNING row's migration have taken effect. Run in
     * the same transaction as the statement it counts, so the count is never off by one after a crash.
     *
     * @throws HistoryConflictException when the row is no longer RUNNING: another runner took the migration
     *                                  over, so this one must stop
     */
    public void recordProgress(Connection c, int rank, int done) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + sqlName()
                + " set statements_done = ? where installed_rank = ? and state = 'RUNNING'")) {
            ps.setInt(1, done);
            ps.setInt(2, rank);
            if (ps.executeUpdate() != 1) {
                throw new HistoryConflictException("history row " + rank + " is no longer RUNNING: another runner took its "
                        + "migration over after this one lost the migration lock", null);
            }
        }
    }

    /**
     * Marks the row a down reverses as ROLLED_BACK, only if it is still APPLIED, so that two runners can
     * never both roll one migration back.
     *
     * @throws HistoryConflictException when the row is no longer APPLIED
     */
    public void markRolledBack(Connection c, int rank) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + sqlName()
                + " set state = 'ROLLED_BACK' where installed_rank = ? and state = 'APPLIED'")) {
            ps.setInt(1, rank);
            if (ps.executeUpdate() != 1) {
                throw new HistoryConflictException("history row " + rank + " is no longer APPLIED: another runner rolled it "
                        + "back while this one ran its down; this run's down was not kept", null);
            }
        }
    }

    /** Finishes a RUNNING row. */
    public void complete(Connection c, int rank, MigrationState state, long executionMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + sqlName()
                + " set state = ?, finished_at = clock_timestamp(), execution_ms = ? where installed_rank = ?")) {
            ps.setString(1, state.name());
            ps.setLong(2, executionMs);
            ps.setInt(3, rank);
            ps.executeUpdate();
        }
    }

    /** Sets a row's state, e.g. APPLIED to ROLLED_BACK after a rollback. */
    public void setState(Connection c, int rank, MigrationState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + sqlName() + " set state = ? where installed_rank = ?")) {
            ps.setString(1, state.name());
            ps.setInt(2, rank);
            ps.executeUpdate();
        }
    }

    /** The rank of the newest row: the one a run just wrote, while it holds the migration lock. */
    public int newestRank(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(max(installed_rank), 0) from " + sqlName());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Records the schema fingerprint taken after a migration. */
    public void setFingerprint(Connection c, int rank, String fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + sqlName() + " set schema_fingerprint = ? where installed_rank = ?")) {
            ps.setString(1, fingerprint);
            ps.setInt(2, rank);
            ps.executeUpdate();
        }
    }

    /** Replaces a row's checksum (repair, after a person confirmed the edit is harmless). */
    public void setChecksum(Connection c, int rank, String checksum) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + sqlName() + " set checksum = ? where installed_rank = ?")) {
            ps.setString(1, checksum);
            ps.setInt(2, rank);
            ps.executeUpdate();
        }
    }

    /** Removes a row (repair of FAILED and orphaned RUNNING rows). */
    public void delete(Connection c, int rank) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + sqlName() + " where installed_rank = ?")) {
            ps.setInt(1, rank);
            ps.executeUpdate();
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
