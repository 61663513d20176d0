package dev.sluice.db;

import dev.sluice.db.internal.SqlStates;
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

    /**
     * @param url a {@code jdbc:postgresql:} URL, or a libpq one ({@code postgres://user:pw@host/db}), whose
     *            user and password then replace {@code user} and {@code password} (see {@link LibpqUrl})
     */
    public JdbcConnectionFactory(String url, String user, String password) {
        LibpqUrl.Login login = LibpqUrl.toJdbc(Objects.requireNonNull(url, "url"), user, password);
        this.url = login.url();
        this.user = login.user();
        this.password = login.password();
        if (!this.url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("'" + DatabaseUrl.mask(url) + "' is not a PostgreSQL URL; write "
                    + "jdbc:postgresql://host:5432/database or postgres://user@host:5432/database");
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
            if ((password == null || password.isEmpty()) && String.valueOf(e.getMessage()).contains("no password was provided")) {
                // pgjdbc's words, reported as what they are: a login without a password.
                throw new SQLException("the server asks for a password and no password was given for user '"
                        + (user == null ? System.getProperty("user.name") : user) + "'", SqlStates.INVALID_PASSWORD, e);
            }
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
