package dev.sluice.db.internal;

import dev.sluice.db.Identifiers;
import dev.sluice.db.Blocker;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is in the way: the sessions blocking a backend right now ({@code pg_blocking_pids}), and the
 * sessions holding locks on given tables before a migration starts.
 */
public final class BlockerQueries {

    private static final String COLUMNS = "a.pid, coalesce(a.application_name, ''), coalesce(a.state, ''), "
            + "coalesce(extract(epoch from now() - a.xact_start), 0)::bigint, "
            + "coalesce(left(split_part(a.query, E'\\n', 1), 60), ''), "
            + "coalesce((extract(epoch from a.xact_start) * 1000000)::bigint, 0)";

    private BlockerQueries() {
    }

    /** The sessions that block backend {@code pid}. */
    public static List<Blocker> blocking(Connection monitor, int pid) throws SQLException {
        String sql = "select " + COLUMNS + ", '' as lock from pg_stat_activity a where a.pid = any(pg_blocking_pids(?))";
        try (PreparedStatement ps = monitor.prepareStatement(sql)) {
            ps.setInt(1, pid);
            return read(ps);
        }
    }

    /** Other sessions holding any lock on {@code tables} (names as written; unknown ones are skipped). */
    public static List<Blocker> holdingLocksOn(Connection c, List<String> tables) throws SQLException {
        return heldLocks(c, tables, Duration.ZERO, 0).stream().map(HeldLock::holder).toList();
    }

    /**
     * Locks on {@code tables} held by other sessions whose transaction has been open for longer than
     * {@code olderThan}, leaving out {@code exceptPid} (the migration's own session; 0 for none). One row per held
     * lock, the relation as {@code regclass} prints it and the mode as {@code pg_locks} names it.
     */
    public static List<HeldLock> heldLocks(Connection c, List<String> tables, Duration olderThan, int exceptPid)
            throws SQLException {
        if (tables.isEmpty()) {
            return List.of();
        }
        String sql = "select " + COLUMNS + ", l.mode || ' on ' || l.relation::regclass::text as lock, "
                + "l.relation::regclass::text, l.mode "
                + "from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                + "where l.granted and l.locktype = 'relation' and a.pid <> pg_backend_pid() and a.pid <> ? "
                + "and clock_timestamp() - a.xact_start > make_interval(secs => ?) "
                + "and l.relation in (select to_regclass(t) from unnest(?::text[]) as t where to_regclass(t) is not null) "
                + "order by a.xact_start";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, exceptPid);
            ps.setDouble(2, olderThan.toNanos() / 1e9);
            ps.setArray(3, c.createArrayOf("text", tables.stream().map(Identifiers::quoteQualified).toArray()));
            List<HeldLock> held = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(new HeldLock(new Blocker(rs.getInt(1), rs.getString(2), rs.getString(3), Duration.ofSeconds(rs.getLong(4)),
                            rs.getString(5), rs.getString("lock"), rs.getLong(6)), rs.getString(8), rs.getString(9)));
                }
            }
            return held;
        }
    }

    /** A lock one session holds: on which relation, in which mode ({@code pg_locks.mode}). */
    public record HeldLock(Blocker holder, String relation, String mode) {
    }

    /**
     * Which of {@code blockers} are still in the same transaction: a pid that ended, or that started a
     * new transaction since, no longer blocks the way it did.
     */
    public static List<Blocker> stillOpen(Connection monitor, List<Blocker> blockers) throws SQLException {
        if (blockers.isEmpty()) {
            return List.of();
        }
        List<Blocker> open = new ArrayList<>();
        String sql = "select coalesce((extract(epoch from xact_start) * 1000000)::bigint, 0) from pg_stat_activity where pid = ?";
        try (PreparedStatement ps = monitor.prepareStatement(sql)) {
            for (Blocker b : blockers) {
                ps.setInt(1, b.pid());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && b.transactionId() != 0 && rs.getLong(1) == b.transactionId()) {
                        open.add(b);
                    }
                }
            }
        }
        return open;
    }

    private static List<Blocker> read(PreparedStatement ps) throws SQLException {
        List<Blocker> blockers = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                blockers.add(new Blocker(rs.getInt(1), rs.getString(2), rs.getString(3), Duration.ofSeconds(rs.getLong(4)),
                        rs.getString(5), rs.getString("lock"), rs.getLong(6)));
            }
        }
        return blockers;
    }
}
