package dev.sluice.db.internal;

import dev.sluice.db.Deadline;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.LockLostException;
import dev.sluice.db.LockBusyException;
import dev.sluice.db.Connections;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
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

    /** A session's start time as an exact number, so that two reads of it compare equal. */
    private static final String START_MICROS = "(extract(epoch from backend_start) * 1000000)::bigint";

    private final Connection connection;
    private final int key;
    /** The lock session's backend pid and start time (microseconds since the epoch; 0 when unknown). */
    private final int pid;
    private final long sessionStart;

    private AdvisoryLock(Connection connection, int key, int pid, long sessionStart) {
        this.connection = connection;
        this.key = key;
        this.pid = pid;
        this.sessionStart = sessionStart;
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
                Optional<long[]> session = tryLock(connection, key);
                if (session.isPresent()) {
                    return new AdvisoryLock(connection, key, (int) session.get()[0], session.get()[1]);
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
     * The session holding the migration lock of this history table, if any, and what the runner's working
     * session (same user, database and application name, connected after the lock session) executes now.
     * One catalog query; it takes no lock a runner could wait on.
     */
    public static Optional<Holder> holder(Connection connection, String qualifiedHistoryTable) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select l.pid, a.backend_start, w.xact_start, left(w.query, 500)"
                + " from pg_catalog.pg_locks l join pg_catalog.pg_stat_activity a on a.pid = l.pid"
                + " left join lateral (select x.xact_start, case when x.state = 'active' then x.query end as query"
                + " from pg_catalog.pg_stat_activity x where x.pid <> l.pid and x.pid <> pg_backend_pid()"
                + " and x.usesysid = a.usesysid and x.datid = a.datid and x.application_name = a.application_name"
                + " and x.backend_start >= a.backend_start and x.xact_start is not null"
                + " order by x.backend_start limit 1) w on true"
                + " where l.locktype = 'advisory' and l.classid = ?::oid and l.objid = ?::oid and l.objsubid = 2 and l.granted"
                + " limit 1")) {
            ps.setLong(1, NAMESPACE);
            ps.setLong(2, Integer.toUnsignedLong(keyFor(qualifiedHistoryTable)));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                java.sql.Timestamp since = rs.getTimestamp(2);
                java.sql.Timestamp statementSince = rs.getTimestamp(3);
                return Optional.of(new Holder(rs.getInt(1), since == null ? java.time.Instant.EPOCH : since.toInstant(),
                        Optional.ofNullable(rs.getString(4)), Optional.ofNullable(statementSince).map(java.sql.Timestamp::toInstant)));
            }
        }
    }

    /** A session holding the migration lock, and its working session's current statement. */
    public record Holder(int pid, java.time.Instant since, Optional<String> statement, Optional<java.time.Instant> statementSince) {
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

    /**
     * One try; when it got the lock, the session's pid and start time, read in the same round trip, which
     * {@link #heldCondition()} needs to recognise this session from another one.
     */
    private static Optional<long[]> tryLock(Connection connection, int key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?, ?), pg_backend_pid(), "
                + "(select " + START_MICROS + " from pg_catalog.pg_stat_get_activity(pg_backend_pid()))")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? Optional.of(new long[] {rs.getInt(2), rs.getLong(3)}) : Optional.empty();
            }
        }
    }

    /**
     * The check of {@link #verifyHeld()} as a boolean SQL expression that another session on the same
     * database can evaluate, so that the migration's connection asks it in a statement it sends anyway
     * instead of a round trip of its own on the lock's connection.
     *
     * <p>It is true while this lock's session (its pid and its start time, so that a new session that was
     * given the same pid is not mistaken for it) holds the lock, false once it does not, and null when the
     * evaluating session may not see the lock session's start time (pg_stat_activity hides it from other
     * roles, e.g. after {@code SET ROLE}): then {@link #verifyHeld()} must decide.
     */
    public String heldCondition() {
        if (sessionStart == 0) {
            return "null::boolean";
        }
        return "(exists (select 1 from pg_catalog.pg_locks where locktype = 'advisory' and classid = " + NAMESPACE
                + "::oid and objid = " + Integer.toUnsignedLong(key) + "::oid and objsubid = 2 and granted and pid = " + pid
                + ") and (select " + START_MICROS + " = " + sessionStart + " from pg_catalog.pg_stat_get_activity(" + pid + ")))";
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
