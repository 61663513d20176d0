package dev.sluice.db;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Accepts the connection URLs that psql, libpq and most platforms print
 * ({@code postgres://user:password@host:port/db?sslmode=require}, or {@code postgresql://}) and turns them
 * into what pgjdbc reads: a {@code jdbc:postgresql:} URL, with the user and password taken out of it.
 *
 * <p>The password leaves the URL so that it is never part of a string that could be shown or logged;
 * it travels as the password setting. User and password written in the URL win over the user and
 * password settings, as they do for pgjdbc's own {@code ?user=&password=} parameters.
 *
 * <p>Hazard: libpq without a host uses a Unix socket, which pgjdbc cannot; such a URL connects to
 * {@code localhost} over TCP instead.
 */
public final class LibpqUrl {

    /** libpq's parameter names that pgjdbc spells differently. */
    private static final Map<String, String> RENAMED = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType");
    /** libpq's {@code target_session_attrs} values in pgjdbc's {@code targetServerType} words. */
    private static final Map<String, String> SESSION_ATTRS = Map.of(
            "any", "any", "read-write", "primary", "primary", "primary",
            "read-only", "secondary", "standby", "secondary", "prefer-standby", "preferSecondary");

    private LibpqUrl() {
    }

    /** A JDBC URL with the login that goes with it; {@link #toString()} masks the password. */
    public record Login(String url, String user, String password) {
        @Override
        public String toString() {
            return DatabaseUrl.mask(url) + " as " + user + (password == null ? "" : " (with password)");
        }
    }

    /** Whether {@code url} is in libpq's form. */
    public static boolean isLibpq(String url) {
        return url != null && (url.startsWith("postgres://") || url.startsWith("postgresql://"));
    }

    /**
     * The JDBC form of {@code url} with the login: a JDBC URL is returned as it is with {@code user} and
     * {@code password}; a libpq URL is converted, its user and password replacing those given.
     *
     * @throws IllegalArgumentException on a malformed libpq URL; the message never holds the password
     */
    public static Login toJdbc(String url, String user, String password) {
        if (!isLibpq(url)) {
            return new Login(url, user, password);
        }
        String rest = url.substring(url.indexOf("://") + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : rest.substring(slash + 1);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String urlUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (!urlUser.isEmpty()) {
                user = urlUser;
            }
            if (colon >= 0) {
                password = decode(userInfo.substring(colon + 1));
            }
        }
        String hosts = authority.isEmpty() ? "localhost" : authority;
        for (String host : hosts.split(",")) {
            checkHost(host);
        }
        List<String> params = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            switch (key) {
                case "user" -> user = decode(value);
                case "password" -> password = decode(value);
                case "dbname" -> database = value;
                case "target_session_attrs" -> {
                    String mapped = SESSION_ATTRS.get(decode(value));
                    if (mapped == null) {
                        throw new IllegalArgumentException("target_session_attrs=" + value + " in the database URL is not one of "
                                + String.join(", ", new java.util.TreeSet<>(SESSION_ATTRS.keySet())));
                    }
                    params.add(RENAMED.get(key) + "=" + mapped);
                }
                default -> params.add(RENAMED.getOrDefault(key, key) + "=" + value);
            }
        }
        String jdbc = "jdbc:postgresql://" + hosts + "/" + database + (params.isEmpty() ? "" : "?" + String.join("&", params));
        return new Login(jdbc, user, password);
    }

    private static void checkHost(String host) {
        String port = "";
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("the database URL has an IPv6 host '" + host + "' without its closing ']'");
            }
            port = host.substring(end + 1);
            if (!port.isEmpty() && !port.startsWith(":")) {
                throw new IllegalArgumentException("the database URL has '" + port + "' after the host '" + host.substring(0, end + 1) + "'");
            }
            port = port.isEmpty() ? "" : port.substring(1);
        } else if (host.contains(":")) {
            port = host.substring(host.indexOf(':') + 1);
        }
        if (!port.isEmpty() && !port.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("the database URL's port '" + port + "' is not a number; write postgres://user@host:5432/database");
        }
    }

    /** Percent-decoding as libpq does it: a {@code +} stays a plus. */
    private static String decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
