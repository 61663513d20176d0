package dev.sluice.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.zip.CRC32;

/**
 * The one-runner-at-a-time lock: a session-level PostgreSQL advisory lock held on a connection of its
 * own for the whole run.
 *
 * <p>Why session level and a separate connection: a transaction-level advisory lock would sit in the
 * migration's own transaction, and {@code CREATE INDEX CONCURRENTLY} waits for every transaction that
 * might see the table, Sluice's own included, so the build would wait on Sluice forever. Why no lock row
 * in a table: the server drops a session lock when the session ends, so a crashed runner (kill -9, lost
 * network) leaves nothing that a person must release by hand.
 *
 * <p>The lock is keyed by the history table's qualified name, so two projects that keep separate
 * history tables in one database do not block each other.
 */
public final class AdvisoryLock implements AutoCloseable {

    /** The first half of the two-int advisory key: "Slu" in ASCII, so a DBA can tell whose lock it is. */
    static final int NAMESPACE = 0x536c75;

    private final Connection connection;
    private final int key;

    private AdvisoryLock(Connection connection, int key) {
        this.connection = connection;
        this.key = key;
    }

    /** The key for a history table. */
    public static int keyFor(String qualifiedHistoryTable) {
        CRC32 crc = new CRC32();
        crc.update(qualifiedHistoryTable.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /**
     * Takes the lock, polling until {@code maxWait} has passed.
     *
     * @throws LockBusyException when another session still holds it then
     */
    public static AdvisoryLock acquire(ConnectionFactory factory, String qualifiedHistoryTable, Duration maxWait)
            throws SQLException {
        int key = keyFor(qualifiedHistoryTable);
        Connection connection = Connections.open(factory);
        try {
            connection.setAutoCommit(true);
            SessionKeepAlive.disableIdleTimeout(connection);
            Deadline deadline = Deadline.after(maxWait);
            long pause = 50;
            while (true) {
                if (tryLock(connection, key)) {
                    return new AdvisoryLock(connection, key);
                }
                if (deadline.expired()) {
                    throw new LockBusyException("another Sluice run holds the migration lock for "
                            + qualifiedHistoryTable + " (" + describeHolder(connection, key) + ") and kept it for "
                            + (maxWait.toMillis() % 1000 == 0 ? maxWait.toSeconds() + "s" : maxWait.toMillis() + "ms")
                            + "; wait for it to finish or raise --lock-wait");
                }
                Thread.sleep(Math.min(pause, Math.max(1, deadline.remaining().toMillis())));
                pause = Math.min(1000, pause * 2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(connection);
            throw new LockBusyException("interrupted while waiting for the migration lock");
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Whether any session holds the migration lock of this history table right now. */
    public static boolean isHeld(Connection connection, String qualifiedHistoryTable) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select exists (select 1 from pg_locks where locktype = "
                + "'advisory' and classid = ?::oid and objid = ?::oid and objsubid = 2 and granted)")) {
            ps.setLong(1, NAMESPACE);
            ps.setLong(2, Integer.toUnsignedLong(keyFor(qualifiedHistoryTable)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Checks that this runner still holds the lock: its session is alive and the server still lists the lock
     * as granted to it. Called before every migration step, so a runner whose lock session was terminated
     * (by an administrator, a pooler or {@code idle_session_timeout}) stops before it starts anything more,
     * instead of racing a second runner that has taken the lock since.
     *
     * @throws LockLostException when the lock is gone
     */
    public void verifyHeld() {
        try (PreparedStatement ps = connection.prepareStatement("select exists (select 1 from pg_locks where locktype = "
                + "'advisory' and pid = pg_backend_pid() and classid = ?::oid and objid = ?::oid and objsubid = 2 and granted)")) {
            ps.setLong(1, NAMESPACE);
            ps.setLong(2, Integer.toUnsignedLong(key));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new LockLostException("the migration lock is no longer held by this runner", null);
                }
            }
        } catch (SQLException e) {
            throw new LockLostException("the session holding the migration lock ended (" + e.getMessage() + ")", e);
        }
    }

    private static boolean tryLock(Connection connection, int key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String describeHolder(Connection connection, int key) {
        String sql = "select a.pid, a.application_name, a.client_addr::text, a.backend_start "
                + "from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                + "where l.locktype = 'advisory' and l.classid = ?::oid and l.objid = ?::oid and l.objsubid = 2 and l.granted";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, NAMESPACE);
            ps.setLong(2, Integer.toUnsignedLong(key));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return "pid " + rs.getInt(1) + ", application '" + rs.getString(2) + "'"
                            + (rs.getString(3) == null ? "" : " from " + rs.getString(3))
                            + ", connected since " + rs.getTimestamp(4).toInstant();
                }
            }
        } catch (SQLException e) {
            return "holder unknown: " + e.getMessage();
        }
        return "holder gone just now";
    }

    /** Releases the lock and closes its connection. */
    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key);
            ps.execute();
        } catch (SQLException ignored) {
            // Closing the session below releases the lock anyway.
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Nothing to do: the server ends the session and with it the lock.
        }
    }
}
