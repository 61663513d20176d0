package dev.sluice.db;

import dev.sluice.db.internal.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;

/** Opening a connection with an error a person can act on. */
public final class Connections {

    private Connections() {
    }

    /**
     * Opens a connection.
     *
     * @throws DatabaseUnavailableException naming the masked URL and what to check
     */
    public static Connection open(ConnectionFactory factory) {
        try {
            return factory.open();
        } catch (SQLException e) {
            boolean auth = SqlStates.isAuthenticationFailure(e);
            String hint;
            if (auth) {
                hint = "check the user and password (--user/--password, SLUICE_USER/SLUICE_PASSWORD or the config file)";
            } else if (unknownHost(e) != null) {
                throw new DatabaseUnavailableException("cannot connect to " + factory.describe() + ": unknown host '"
                        + unknownHost(e) + "'; check the host name in the URL (and the DNS or /etc/hosts of this machine)", false, e);
            } else if (SqlStates.INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                hint = "the database does not exist; create it or fix the database name in the URL";
            } else {
                hint = "check that the server runs and that host and port in the URL are right";
            }
            throw new DatabaseUnavailableException("cannot connect to " + factory.describe() + ": "
                    + e.getMessage() + "; " + hint, auth, e);
        }
    }

    /** The host name the driver could not resolve, or null: pgjdbc's own message does not name it. */
    private static String unknownHost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException u) {
                return String.valueOf(u.getMessage()).split(": ")[0];
            }
        }
        return null;
    }

    /** The server's major version ({@code server_version_num} / 10000), the one place it is asked. */
    public static int serverMajor(Connection c) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
