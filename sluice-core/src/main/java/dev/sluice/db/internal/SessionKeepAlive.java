package dev.sluice.db.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps a session of Sluice's own from being ended for idling. A database with {@code idle_session_timeout}
 * set (PostgreSQL 14+) ends any session idle for longer, and Sluice's lock and monitor sessions idle for
 * as long as a migration runs: losing the lock session would let a second runner start while the first
 * one is still at work.
 */
public final class SessionKeepAlive {

    private SessionKeepAlive() {
    }

    /** Turns {@code idle_session_timeout} off for this session; the connection must be in autocommit. */
    public static void disableIdleTimeout(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("set idle_session_timeout = 0");
        } catch (SQLException e) {
            // The setting appeared in PostgreSQL 14; an older server does not know it, which is fine.
            if (!SqlStates.UNDEFINED_OBJECT.equals(e.getSQLState())) {
                throw e;
            }
        }
    }
}
