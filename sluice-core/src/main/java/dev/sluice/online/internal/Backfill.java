package dev.sluice.online.internal;

import dev.sluice.online.BackfillProgress;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineException;
import dev.sluice.online.OnlineListener;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static dev.sluice.db.Identifiers.quote;

/**
 * Fills the rows that existed when a change started: each batch is one UPDATE that computes their new
 * columns as the sync trigger would ({@link SyncTrigger#backfillAssignments}), with the trigger standing
 * aside, so a row costs what it costs in a plain UPDATE and not a PL/pgSQL call more. Batches walk the primary key upwards from the saved
 * high-water mark to a bound fixed when the backfill first ran (the largest key then); each batch is its
 * own short transaction under {@code lock_timeout} and moves the mark in the same transaction, so a crash
 * resumes exactly after the last committed batch.
 *
 * <p>Before a batch (the first, then at most once per throttle wait while all is well) it holds back while {@link BackfillThrottle} says a standby lags or the table's writers
 * queue for locks, so it yields to the application instead of adding to the trouble.
 *
 * <p>It terminates under any write load: rows written after start are the trigger's job, and the bound
 * keeps new rows from extending the walk. A row below the bound that a version wrote since start is
 * already in step, and the SET list leaves it so: a duplicated column is filled only where still NULL.
 */
final class Backfill {

    private static final String BATCH = "_sluice_batch";

    private final Connection c;
    private final StateTable state;
    private final BackfillSettings settings;
    private final Duration retryDeadline;
    private final OnlineListener listener;
    private final BackfillThrottle throttle;

    Backfill(Connection c, StateTable state, BackfillSettings settings, Duration retryDeadline, OnlineListener listener) {
        this.c = c;
        this.state = state;
        this.settings = settings;
        this.retryDeadline = retryDeadline;
        this.listener = listener;
        this.throttle = new BackfillThrottle(settings);
    }

    /**
     * Runs every unfinished backfill of {@code version}. The rows to do, which serve progress and its ETA
     * alone, are the planner's estimate ({@code pg_class.reltuples}); a table never analyzed is counted.
     * Hazard of an exact count: it reads the whole table, which takes minutes on a billion rows and, with
     * parallel workers, every core the application has, before the first batch.
     */
    void run(String version) throws SQLException {
        for (StateTable.BackfillRow row : state.backfills(c, version)) {
            if (!row.done()) {
                run(version, row);
            }
        }
    }

    private void run(String version, StateTable.BackfillRow row) throws SQLException {
        String table = row.table();
        String key = quote(row.keyColumn());
        String type = row.keyType();
        String set = assignments(row);
        if (row.bound().isEmpty()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select (select max(" + key + ") from " + table + ")::text, coalesce((select reltuples::bigint from pg_class"
                    + " where oid = ?::regclass and reltuples > 0), (select count(*) from " + table + "))")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    state.begin(c, version, table, rs.getString(1), rs.getLong(2));
                }
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
            row = state.backfills(c, version).stream().filter(r -> r.table().equals(table)).findFirst().orElseThrow();
            if (row.done()) {
                listener.backfillProgress(new BackfillProgress(table, 0, 0, 0, true));
                return;
            }
        }
        String bound = row.bound().orElseThrow();
        String highWater = row.highWater().orElse(null);
        long done = row.rowsDone();
        long total = row.rowsTotal();
        int batchSize = settings.batchSizeFor(total);
        String first = batch(table, key, type, set, batchSize, false);
        String next = batch(table, key, type, set, batchSize, true);
        state.startRun(c, version, table);
        long started = System.nanoTime();
        long thisRun = 0;
        while (true) {
            long[] count = new long[1];
            String[] last = new String[1];
            boolean[] finished = new boolean[1];
            String from = highWater;
            holdBackWhileThrottled(table);
            runBatch(table, () -> {
                try (PreparedStatement ps = c.prepareStatement(from == null ? first : next)) {
                    ps.setString(1, bound);
                    if (from != null) {
                        ps.setString(2, from);
                    }
                    ps.setString(from == null ? 2 : 3, version);
                    ps.setString(from == null ? 3 : 4, table);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        count[0] = rs.getLong(1);
                        last[0] = rs.getString(2);
                        finished[0] = rs.getBoolean(3);
                    }
                }
            });
            done += count[0];
            thisRun += count[0];
            double seconds = (System.nanoTime() - started) / 1e9;
            listener.backfillProgress(new BackfillProgress(table, done, Math.max(total, done),
                    seconds > 0 ? thisRun / seconds : 0, finished[0]));
            if (finished[0]) {
                return;
            }
            highWater = last[0];
            ShortTransaction.sleep(settings.pause());
        }
    }

    /**
     * One batch: the UPDATE of the rows whose keys lie above the high-water mark (after the first batch) and
     * up to the range's end, the {@code batchSize}-th key above the mark or the bound if that comes first; it
     * returns how many rows it wrote, the range's end (the next high-water mark) and whether that end is the
     * bound (the walk is finished). The end is read by an index-only scan, so the UPDATE itself is one index
     * range scan, as cheap per row as a plain ranged UPDATE; a join of the keys to the table costs an index
     * descent per row, half as much again.
     *
     * <p>The end's scan has a lower bound only, and the bound is applied to what it finds ({@code least}):
     * between two values it cannot see, the planner expects half a percent of the table, so on a table whose
     * visibility map is not yet set (loaded and not vacuumed since) it took a bitmap scan and a sort of every
     * row above the mark for cheaper than reading the index in order, and each batch read the rest of the
     * table (600,000 fresh rows took 20 s instead of 4 s). Above a lower bound alone it expects a third of the
     * table and reads the index in order, stopping after {@code batchSize} keys; the keys it reads above the
     * bound, rows inserted after the start, are the trigger's.
     *
     * <p>The walk ends at the bound, never on a batch that wrote nothing: a batch whose rows another
     * transaction deleted after the range was read writes none of them, and the rows above it still need
     * their new columns.
     *
     * <p>The high-water mark moves in the same statement ({@link StateTable#advance}), so a batch costs three
     * round trips with its settings and its COMMIT.
     *
     * <p>The first batch has a statement of its own so that the lower bound is always an index condition: a
     * generic plan of {@code (? is null or key > ?)} would filter instead, and read the index from its
     * start in every batch, which makes the walk quadratic in the table's size. The first batch's lower
     * bound is the smallest key: with an upper bound alone the planner expects a third of the table and
     * reads all of it (a million rows took 450 ms for the first thousand). The range's scan is aliased,
     * and the parameters and the end are read through subqueries, so that a column name in the SET list's
     * expressions binds to the row being updated and to nothing else.
     */
    private String batch(String table, String key, String type, String set, int batchSize, boolean afterHighWater) {
        String b = BATCH + "." + key;
        String t = table + "." + key;
        return "with " + BATCH + "_args as (select ?::" + type + " as bound" + (afterHighWater ? ", ?::" + type + " as mark" : "") + "),"
                + " " + BATCH + "_end as (select least((select " + b + " from " + table + " as " + BATCH
                + (afterHighWater ? " where " + b + " > (select mark from " + BATCH + "_args)" : "")
                + " order by " + b + " offset " + (batchSize - 1) + " limit 1), (select bound from " + BATCH + "_args)) as range_end),"
                + " u as (update " + table + " set " + set + " where " + t + " <= (select range_end from " + BATCH + "_end)"
                + (afterHighWater ? " and " + t + " > (select mark from " + BATCH + "_args)"
                        : " and " + t + " >= (select min(" + b + ") from " + table + " as " + BATCH + ")")
                + " returning " + t + "),"
                + " batch as (select (select count(*) from u) as written, (select range_end::text from " + BATCH + "_end) as last_key,"
                + " (select range_end = bound from " + BATCH + "_end, " + BATCH + "_args) as finished),"
                + " mark as (" + state.advance("batch") + ")"
                + " select written, last_key, finished from batch";
    }

    /**
     * The batch's SET list. A backfill that an earlier version began has none; it touches a column instead
     * ({@code c = c}), and its change's trigger, which has no WHEN clause, computes the new columns.
     */
    private static String assignments(StateTable.BackfillRow row) {
        if (row.assignments().isPresent()) {
            return row.assignments().get();
        }
        String touch = quote(row.touchColumn().orElseThrow());
        return touch + " = " + touch;
    }

    /** Waits while replication lag or lock waits exceed their limits; the backfill holds no lock meanwhile. */
    private void holdBackWhileThrottled(String table) throws SQLException {
        for (var reason = throttle.reason(c, table); reason.isPresent(); reason = throttle.reason(c, table)) {
            listener.backfillThrottled(table, reason.get(), settings.throttleWait());
            ShortTransaction.sleep(settings.throttleWait());
        }
    }

    /** One batch in its own transaction under lock_timeout; a lock timeout or deadlock tries it again. */
    private void runBatch(String table, ShortTransaction.Work work) throws SQLException {
        try {
            ShortTransaction.run(c, "backfill batch of " + table, settings.lockTimeout(), Duration.ZERO, retryDeadline, listener,
                    List.of(SyncTrigger.BACKFILL + " = 'on'"), work);
        } catch (SQLException e) {
            throw new OnlineException("backfill of " + table + " failed: " + e.getMessage()
                    + "; the batches before it are kept, and 'sluice start' (or complete) goes on from there", e);
        }
    }
}
