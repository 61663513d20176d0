package dev.sluice.online;

import dev.sluice.db.Identifiers;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What an application sets as its {@code search_path} to see the schema of the version it was written
 * for. While a change is in progress, an application of the new version sets the change's view schema
 * followed by the base schema (tables the change does not touch are found there); an application of the
 * old version keeps what it had.
 *
 * <pre>
 * String path = SearchPath.forVersion(connection, "public", "public", "3");   // "sluice_v3_rename_email", "public"
 * connection.createStatement().execute("set search_path to " + path);
 * </pre>
 * With pgjdbc the same list may go into the URL: {@code ?currentSchema=sluice_v3_rename_email,public}.
 */
public final class SearchPath {

    /** The state table's name, in the history table's schema. */
    public static final String STATE_TABLE = "sluice_online_state";

    private SearchPath() {
    }

    /**
     * The schema of views that holds version {@code version} of an online change named {@code description}:
     * {@code sluice_v3_rename_email}, cut to PostgreSQL's 63 bytes.
     */
    public static String schemaName(String version, String description) {
        String desc = description.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        String name = "sluice_v" + version.replace('.', '_') + (desc.isEmpty() ? "" : "_" + desc);
        while (name.getBytes(StandardCharsets.UTF_8).length > 63) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    /**
     * The {@code search_path} value, quoted and ready for {@code SET search_path TO ...}, for an application
     * written for migration {@code version}.
     *
     * @param historySchema the schema of Sluice's history (and online state) table
     * @param baseSchema    the schema of the physical tables
     * @return the change's view schema and the base schema when {@code version} is an online change that is
     *         in progress or completed; otherwise the base schema alone
     */
    public static String forVersion(Connection c, String historySchema, String baseSchema, String version) throws SQLException {
        String table = Identifiers.quote(historySchema) + "." + Identifiers.quote(STATE_TABLE);
        try (PreparedStatement exists = c.prepareStatement("select to_regclass(?) is not null")) {
            exists.setString(1, table);
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Identifiers.quote(baseSchema);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select new_schema from " + table + " where version = ?")) {
            ps.setString(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Identifiers.quote(rs.getString(1)) + ", " + Identifiers.quote(baseSchema);
                }
            }
        }
        return Identifiers.quote(baseSchema);
    }
}
