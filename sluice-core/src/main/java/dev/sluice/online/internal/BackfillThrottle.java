package dev.sluice.online.internal;

import dev.sluice.migration.ByteSizeText;
import dev.sluice.online.BackfillSettings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Says whether a backfill should hold back before its next batch, and why: a standby replays the primary's
 * WAL more than {@link BackfillSettings#maxReplicationLag()} bytes behind, or more than
 * {@link BackfillSettings#maxLockWaits()} sessions that use the table wait for a lock.
 *
 * <p>Lag is read on the primary from {@code pg_stat_replication}: the distance from {@code pg_current_wal_lsn()}
 * to each walsender's {@code replay_lsn}, or its {@code flush_lsn} for a client that does not replay (such as
 * {@code pg_receivewal}); a client that has acknowledged nothing yet is not counted. Hazard: without
 * {@code pg_read_all_stats} (or superuser) the server hides those columns from the migration user, and the
 * lag check sees no standby.
 *
 * <p>A lock wait is a session queued on the table: waiting for a lock on the table itself (behind a DDL, say),
 * or for one of its rows (it then holds or wants the row's tuple lock while it waits for the holder's
 * transaction). Writers of the table queued on rows of <em>other</em> tables do not count, though they hold
 * locks on this one: their contention is not the backfill's to relieve. {@code pg_locks} shows them to every user. It is read between batches, when the backfill holds no lock, so a waiter is
 * somebody else's contention, which the backfill's batches would only add to.
 */
public final class BackfillThrottle {

    private static final String LAG = "select application_name, pg_wal_lsn_diff(pg_current_wal_lsn(), coalesce(replay_lsn, flush_lsn))::bigint"
            + " from pg_stat_replication where coalesce(replay_lsn, flush_lsn) is not null order by 2 desc limit 1";

    private static final String LOCK_WAITS = "with l as materialized (select pid, granted, locktype, database, relation from pg_locks)"
            + " select count(distinct w.pid) from l w where not w.granted and w.pid <> pg_backend_pid()"
            + " and exists (select 1 from l t where t.pid = w.pid and (not t.granted or t.locktype = 'tuple')"
            + " and t.database = (select oid from pg_database where datname = current_database()) and t.relation = ?::regclass)";

    private final BackfillSettings settings;
    /** Until when (System.nanoTime) the last clear check stands. */
    private long clearUntil;

    public BackfillThrottle(BackfillSettings settings) {
        this.settings = settings;
        this.clearUntil = System.nanoTime();
    }

    /**
     * Why the next batch of {@code table} (a quoted, qualified name) should wait; empty when it may run. A
     * clear check stands for {@link BackfillSettings#throttleWait()}: reading {@code pg_locks} takes every
     * partition of the lock manager and costs a few milliseconds, as much as half a batch, so the limits are
     * read at most once per wait while they hold, and again before every batch once they did not.
     */
    public Optional<String> reason(Connection c, String table) throws SQLException {
        long now = System.nanoTime();
        if (now - clearUntil < 0) {
            return Optional.empty();
        }
        Optional<String> reason = check(c, table);
        if (reason.isEmpty()) {
            clearUntil = now + settings.throttleWait().toNanos();
        }
        return reason;
    }

    private Optional<String> check(Connection c, String table) throws SQLException {
        if (settings.maxReplicationLag().isPresent()) {
            long limit = settings.maxReplicationLag().getAsLong();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LAG)) {
                if (rs.next() && rs.getLong(2) > limit) {
                    String name = rs.getString(1);
                    return Optional.of("replication lag " + ByteSizeText.format(rs.getLong(2)) + " > " + ByteSizeText.format(limit)
                            + (name == null || name.isEmpty() ? "" : " (standby " + name + ")"));
                }
            }
        }
        if (settings.maxLockWaits().isPresent()) {
            int limit = settings.maxLockWaits().getAsInt();
            try (PreparedStatement ps = c.prepareStatement(LOCK_WAITS)) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long waiting = rs.getLong(1);
                    if (waiting > limit) {
                        return Optional.of("lock waits " + waiting + " > " + limit + " (sessions waiting for a lock on " + table + ")");
                    }
                }
            }
        }
        return Optional.empty();
    }
}
