package dev.sluice.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Connections through pgjdbc's {@link DriverManager}. Every connection is tagged with
 * {@code application_name=sluice}, so a DBA looking at {@code pg_stat_activity} sees who holds a lock.
 *
 * <p>Hazard: the password is kept only here and handed to the driver; {@link #describe()} and
 * {@link #toString()} never show it.
 */
public final class JdbcConnectionFactory implements ConnectionFactory {

    private final String url;
    private final String user;
    private final String password;

    public JdbcConnectionFactory(String url, String user, String password) {
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("'" + DatabaseUrl.mask(url)
                    + "' is not a PostgreSQL JDBC URL; write jdbc:postgresql://host:5432/database");
        }
    }

    @Override
    public Connection open() throws SQLException {
        Properties props = new Properties();
        if (user != null && !user.isEmpty()) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        if (!url.contains("ApplicationName=")) {
            props.setProperty("ApplicationName", "sluice");
        }
        props.setProperty("connectTimeout", props.getProperty("connectTimeout", "10"));
        try {
            return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw DatabaseUrl.scrub(e, password != null && !password.isEmpty() ? password
                    : DatabaseUrl.driverPassword(url).orElse(null));
        }
    }

    @Override
    public String describe() {
        return DatabaseUrl.mask(url);
    }

    @Override
    public String toString() {
        return describe();
    }
}
