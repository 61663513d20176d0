package dev.sluice.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Connections borrowed from an application's {@link DataSource}, usually a pool, for embedders that run
 * Sluice inside the application (a Spring Boot starter, a framework's start-up hook).
 *
 * <p>Why a class of its own: Sluice assumes that closing a connection ends its session. It changes
 * session settings ({@code idle_session_timeout}, {@code idle_in_transaction_session_timeout},
 * {@code lock_timeout} of autocommit statements, and whatever a migration's own {@code SET} does) and
 * holds a session-level advisory lock. A pool keeps the session, so the next borrower, an ordinary
 * request of the application, would inherit a two-second lock timeout or a lock. Each connection handed
 * out here therefore remembers, when borrowed, the settings its session had set, and on close rolls back
 * an open transaction, resets every setting, sets those remembered ones again, releases every
 * session-level advisory lock and turns autocommit back on, before the pool takes it back. That costs
 * one round trip when borrowed and two when given back.
 *
 * <p>Hazards: Sluice holds up to three connections at once during a run (the lock, the migration, the
 * blocker monitor), so a pool smaller than that waits for itself until its own timeout. A temporary
 * table or a prepared statement that a migration left in the session is not cleaned up. The URL shown
 * in messages is the one the driver reports, with any password masked.
 */
public final class DataSourceConnectionFactory implements ConnectionFactory {

    /** The settings a session has changed itself, as opposed to the server, role, database or start-up defaults. */
    private static final String SESSION_SETTINGS = "select name, setting from pg_settings where source = 'session'";

    private final DataSource dataSource;
    private final String description;
    private volatile String url;

    /**
     * @param dataSource  the application's data source
     * @param description what messages call it until its first connection says where it goes, e.g.
     *                    "the application's DataSource"
     */
    public DataSourceConnectionFactory(DataSource dataSource, String description) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public Connection open() throws SQLException {
        Connection borrowed = dataSource.getConnection();
        try {
            if (url == null) {
                url = DatabaseUrl.mask(borrowed.getMetaData().getURL());
            }
            List<String[]> settings = sessionSettings(borrowed);
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    new GivesBackClean(borrowed, settings));
        } catch (SQLException | RuntimeException e) {
            borrowed.close();
            throw e;
        }
    }

    private static List<String[]> sessionSettings(Connection c) throws SQLException {
        List<String[]> settings = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SESSION_SETTINGS)) {
            while (rs.next()) {
                settings.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        if (!c.getAutoCommit()) {
            // The query above opened a transaction; a connection is handed out as the pool gave it, but clean.
            c.rollback();
        }
        return settings;
    }

    @Override
    public String describe() {
        String known = url;
        return known == null ? description : description + " (" + known + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Puts the session back as it was borrowed when the connection is closed; everything else goes through. */
    private static final class GivesBackClean implements InvocationHandler {
        private final Connection connection;
        private final List<String[]> settings;
        private boolean closed;

        GivesBackClean(Connection connection, List<String[]> settings) {
            this.connection = connection;
            this.settings = settings;
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (!closed) {
                        closed = true;
                        giveBack();
                    }
                    return null;
                case "isClosed":
                    return closed || connection.isClosed();
                case "unwrap":
                    if (args[0] == Connection.class) {
                        return proxy;
                    }
                    break;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "Sluice's use of " + connection;
                default:
                    break;
            }
            if (closed) {
                throw new SQLException("connection is closed", "08003");
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void giveBack() throws SQLException {
            try {
                if (!connection.isClosed()) {
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                        connection.setAutoCommit(true);
                    }
                    StringBuilder sql = new StringBuilder("select pg_advisory_unlock_all()");
                    for (int i = 0; i < settings.size(); i++) {
                        sql.append(", set_config(?, ?, false)");
                    }
                    try (Statement reset = connection.createStatement()) {
                        reset.execute("reset all");
                    }
                    try (PreparedStatement restore = connection.prepareStatement(sql.toString())) {
                        int p = 1;
                        for (String[] setting : settings) {
                            restore.setString(p++, setting[0]);
                            restore.setString(p++, setting[1]);
                        }
                        restore.execute();
                    }
                }
            } catch (SQLException e) {
                // A session that cannot be cleaned must not go back to the pool as if it were: end it.
                connection.abort(Runnable::run);
            } finally {
                connection.close();
            }
        }
    }
}
