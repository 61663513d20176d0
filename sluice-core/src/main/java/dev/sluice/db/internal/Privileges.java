package dev.sluice.db.internal;

import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.PermissionDeniedException;
import dev.sluice.db.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the connected user may do with the history table, asked of the server ({@code has_table_privilege},
 * {@code has_schema_privilege}) rather than learnt from a failing statement halfway through a run.
 *
 * <p>Why up front: a runner that finds out only when it writes its first history row has already taken
 * the lock and may have applied earlier migrations; checking before anything runs keeps "nothing ran"
 * true, and the server's own "permission denied for table" names neither the privilege nor the user.
 */
public final class Privileges {

    private static final List<String> READ = List.of("SELECT");
    private static final List<String> WRITE = List.of("SELECT", "INSERT", "UPDATE", "DELETE");

    private Privileges() {
    }

    /**
     * Throws when the user may not read (and, with {@code write}, change) the history table, or may not
     * create it where it is missing.
     *
     * @throws PermissionDeniedException naming the user, the missing privileges, the object and the GRANT
     */
    public static void requireHistoryAccess(Connection c, String schema, String table, boolean write) throws SQLException {
        String missing = missing(c, schema, table, write);
        if (!missing.isEmpty()) {
            throw new PermissionDeniedException(missing + "; nothing ran", null);
        }
    }

    /**
     * Turns a "permission denied" (SQLSTATE 42501) met while reading or writing the history into an
     * error that names the user, the privilege and the object. The diagnosis runs on a fresh connection,
     * since the failing one may sit in an aborted transaction.
     */
    public static PermissionDeniedException explain(ConnectionFactory connections, SQLException e, String schema,
                                                    String table, boolean write) {
        String detail;
        try (Connection c = connections.open()) {
            detail = missing(c, schema, table, write);
            if (detail.isEmpty()) {
                detail = "user " + currentUser(c) + " lacks a privilege";
            }
        } catch (SQLException | RuntimeException diagnosis) {
            e.addSuppressed(diagnosis);
            detail = "the user lacks a privilege";
        }
        return new PermissionDeniedException(detail + " (the server said: " + e.getMessage() + "); nothing ran", e);
    }

    /**
     * Empty when the user has every privilege needed; otherwise a sentence naming what is missing and the fix.
     * One round trip: every run of a changing verb asks it.
     */
    private static String missing(Connection c, String schema, String table, boolean write) throws SQLException {
        String qualified = Identifiers.quote(schema) + "." + Identifiers.quote(table);
        StringBuilder sql = new StringBuilder("select current_user, n.oid is not null, to_regclass(?) is not null, "
                + "n.oid is null or has_schema_privilege(n.oid, 'USAGE'), "
                + "n.oid is null or has_schema_privilege(n.oid, 'CREATE'), "
                + "has_database_privilege(current_database(), 'CREATE'), current_database()");
        List<String> privileges = write ? WRITE : READ;
        for (int i = 0; i < privileges.size(); i++) {
            // Asked only of a table that exists: has_table_privilege fails on a missing one.
            sql.append(", case when to_regclass(?) is null then true else has_table_privilege(?, '")
                    .append(privileges.get(i)).append("') end");
        }
        sql.append(" from (select 1) one left join pg_catalog.pg_namespace n on n.nspname = ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            ps.setString(p++, qualified);
            for (int i = 0; i < privileges.size(); i++) {
                ps.setString(p++, qualified);
                ps.setString(p++, qualified);
            }
            ps.setString(p, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String user = rs.getString(1);
                boolean schemaExists = rs.getBoolean(2);
                boolean tableExists = rs.getBoolean(3);
                boolean usage = rs.getBoolean(4);
                boolean create = rs.getBoolean(5);
                boolean createSchema = rs.getBoolean(6);
                String database = rs.getString(7);
                String quotedUser = Identifiers.quote(user);
                if (!schemaExists) {
                    return !write || createSchema ? "" : "user " + user + " lacks CREATE on database " + database
                            + ", needed to create schema " + schema + " for the history table; grant it (GRANT CREATE ON DATABASE "
                            + Identifiers.quote(database) + " TO " + quotedUser + ") or create the schema for the user";
                }
                if (!usage) {
                    return "user " + user + " lacks USAGE on schema " + schema + ", which holds the history table; grant it "
                            + "(GRANT USAGE ON SCHEMA " + Identifiers.quote(schema) + " TO " + quotedUser + ")";
                }
                if (!tableExists) {
                    return !write || create ? "" : "user " + user + " lacks CREATE on schema " + schema
                            + ", needed to create the history table " + schema + "." + table + "; grant it (GRANT CREATE ON SCHEMA "
                            + Identifiers.quote(schema) + " TO " + quotedUser + "), or create the table once as its owner";
                }
                List<String> lacking = new ArrayList<>();
                for (int i = 0; i < privileges.size(); i++) {
                    if (!rs.getBoolean(8 + i)) {
                        lacking.add(privileges.get(i));
                    }
                }
                if (lacking.isEmpty()) {
                    return "";
                }
                String list = String.join(", ", lacking);
                return "user " + user + " lacks " + list + " on table " + schema + "." + table + " (the history table); grant "
                        + (lacking.size() == 1 ? "it" : "them") + " (GRANT " + list + " ON " + qualified + " TO " + quotedUser + ")";
            }
        }
    }

    private static String currentUser(Connection c) throws SQLException {
        return single(c, "select current_user");
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
