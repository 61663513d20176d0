package dev.sluice.online.internal;

import dev.sluice.online.BackfillProgress;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineException;
import dev.sluice.online.OnlineListener;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static dev.sluice.db.Identifiers.quote;

/**
 * Fills the rows that existed when a change started, by touching them ({@code UPDATE t SET c = c} on the
 * first column an UPDATE may set; an identity column GENERATED ALWAYS may not be)
 * so the sync trigger computes their new columns. Batches walk the primary key upwards from the saved
 * high-water mark to a bound fixed when the backfill first ran (the largest key then); each batch is its
 * own short transaction under {@code lock_timeout} and moves the mark in the same transaction, so a crash
 * resumes exactly after the last committed batch.
 *
 * <p>Before each batch it holds back while {@link BackfillThrottle} says a standby lags or the table's writers
 * queue for locks, so it yields to the application instead of adding to the trouble.
 *
 * <p>It terminates under any write load: rows written after start are the trigger's job, and the bound
 * keeps new rows from extending the walk. Rows with keys below the bound written since are touched once
 * more, which the trigger makes harmless (a row in step stays in step).
 */
final class Backfill {

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

    /** Runs every unfinished backfill of {@code version}. */
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
        String touch = quote(row.touchColumn());
        if (row.bound().isEmpty()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select max(" + key + ")::text, count(*) from " + table)) {
                rs.next();
                state.begin(c, version, table, rs.getString(1), rs.getLong(2));
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
        String batch = "with b as (select " + key + " from " + table + " where " + key + " <= ?::" + type
                + " and (?::text is null or " + key + " > ?::" + type + ") order by " + key + " limit " + settings.batchSize() + "),"
                + " u as (update " + table + " t set " + touch + " = t." + touch + " from b where t." + key + " = b." + key
                + " returning t." + key + ")"
                + " select count(*), max(" + key + ")::text from u";
        state.startRun(c, version, table);
        long started = System.nanoTime();
        long thisRun = 0;
        while (true) {
            long[] count = new long[1];
            String[] max = new String[1];
            String from = highWater;
            holdBackWhileThrottled(table);
            runBatch(table, () -> {
                try (Statement mark = c.createStatement()) {
                    mark.execute("set local " + SyncTrigger.BACKFILL + " = 'on'");
                }
                try (PreparedStatement ps = c.prepareStatement(batch)) {
                    ps.setString(1, bound);
                    ps.setString(2, from);
                    ps.setString(3, from);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        count[0] = rs.getLong(1);
                        max[0] = rs.getString(2);
                    }
                }
                state.advance(c, version, table, max[0], count[0], count[0] == 0);
            });
            done += count[0];
            thisRun += count[0];
            double seconds = (System.nanoTime() - started) / 1e9;
            listener.backfillProgress(new BackfillProgress(table, done, Math.max(total, done),
                    seconds > 0 ? thisRun / seconds : 0, count[0] == 0));
            if (count[0] == 0) {
                return;
            }
            highWater = max[0];
            ShortTransaction.sleep(settings.pause());
        }
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
            ShortTransaction.run(c, "backfill batch of " + table, settings.lockTimeout(), Duration.ZERO, retryDeadline, listener, work);
        } catch (SQLException e) {
            throw new OnlineException("backfill of " + table + " failed: " + e.getMessage()
                    + "; the batches before it are kept, and 'sluice start' (or complete) goes on from there", e);
        }
    }
}
