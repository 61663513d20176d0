package dev.sluice.backup;

import dev.sluice.db.DatabaseUrl;

import org.postgresql.Driver;

import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A database as the PostgreSQL programs address it: host, port, database name and user, converted from a
 * JDBC URL. The password is kept for the pgpass file only and never shown.
 */
public record PgTarget(String host, int port, String database, String user, Optional<String> password,
                       Optional<String> sslMode, String maskedUrl) {

    /**
     * From {@code jdbc:postgresql://host[:port][,more hosts]/database?params}, read by pgjdbc's own
     * {@link Driver#parseURL}, so pg_dump reaches the database the JDBC connection reaches; the first host
     * is used. {@code user} and {@code password} win over the URL's own parameters when given.
     */
    public static PgTarget fromJdbcUrl(String url, String user, String password) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("'" + DatabaseUrl.mask(url) + "' is not a PostgreSQL JDBC URL");
        }
        Properties props = Driver.parseURL(url, new Properties());
        if (props == null) {
            throw new IllegalArgumentException("'" + DatabaseUrl.mask(url) + "' cannot be read by the PostgreSQL driver; "
                    + "write jdbc:postgresql://host:5432/database, with special characters in parameters %-encoded");
        }
        String host = props.getProperty("PGHOST", "localhost").split(",")[0];
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(props.getProperty("PGPORT", "5432").split(",")[0]);
        String u = user != null && !user.isEmpty() ? user : props.getProperty("user", System.getProperty("user.name"));
        String p = password != null && !password.isEmpty() ? password : props.getProperty("password");
        String database = props.getProperty("PGDBNAME", "");
        return new PgTarget(host, port, database.isEmpty() ? u : database, u, Optional.ofNullable(p).filter(s -> !s.isEmpty()),
                Optional.ofNullable(props.getProperty("sslmode")), DatabaseUrl.mask(url));
    }

    /** The same server and login, another database (scratch databases, {@code postgres} for admin work). */
    public PgTarget withDatabase(String name) {
        return new PgTarget(host, port, name, user, password, sslMode,
                "postgresql://" + host + ":" + port + "/" + name);
    }

    /** Connection arguments for pg_dump and pg_restore; never the password. */
    public List<String> connectionArgs() {
        return List.of("--host=" + host, "--port=" + port, "--username=" + user, "--no-password");
    }

    /** One line of a pgpass file for this target: colons and backslashes escaped as the format wants. */
    String pgpassLine() {
        return String.join(":", escape(host), Integer.toString(port), "*", escape(user), escape(password.orElse(""))) + "\n";
    }

    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }

    @Override
    public String toString() {
        return maskedUrl;
    }
}
