package dev.sluice.backup;

import dev.sluice.db.DatabaseUrl;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A database as the PostgreSQL programs address it: host, port, database name and user, converted from a
 * JDBC URL. The password is kept for the pgpass file only and never shown.
 */
public record PgTarget(String host, int port, String database, String user, Optional<String> password,
                       Optional<String> sslMode, String maskedUrl) {

    /**
     * From {@code jdbc:postgresql://host[:port][,more hosts]/database?params}; the first host is used.
     * {@code user} and {@code password} win over the URL's own parameters when given.
     */
    public static PgTarget fromJdbcUrl(String url, String user, String password) {
        String prefix = "jdbc:postgresql:";
        if (url == null || !url.startsWith(prefix)) {
            throw new IllegalArgumentException("'" + DatabaseUrl.mask(url) + "' is not a PostgreSQL JDBC URL");
        }
        String rest = url.substring(prefix.length());
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String host = "localhost";
        int port = 5432;
        String database;
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
            int slash = rest.indexOf('/');
            String hosts = slash < 0 ? rest : rest.substring(0, slash);
            database = slash < 0 ? "" : rest.substring(slash + 1);
            String first = hosts.split(",")[0];
            if (first.startsWith("[")) {
                int end = first.indexOf(']');
                host = first.substring(1, end);
                if (first.length() > end + 2 && first.charAt(end + 1) == ':') {
                    port = Integer.parseInt(first.substring(end + 2));
                }
            } else if (!first.isEmpty()) {
                int colon = first.lastIndexOf(':');
                host = colon < 0 ? first : first.substring(0, colon);
                if (colon >= 0) {
                    port = Integer.parseInt(first.substring(colon + 1));
                }
            }
        } else {
            database = rest;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            params.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        String u = user != null && !user.isEmpty() ? user : params.getOrDefault("user", System.getProperty("user.name"));
        String p = password != null && !password.isEmpty() ? password : params.get("password");
        database = decode(database.isEmpty() ? u : database);
        return new PgTarget(host, port, database, u, Optional.ofNullable(p).filter(s -> !s.isEmpty()),
                Optional.ofNullable(params.get("sslmode")), DatabaseUrl.mask(url));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
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
