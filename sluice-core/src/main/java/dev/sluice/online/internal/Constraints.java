package dev.sluice.online.internal;

import dev.sluice.online.OnlineException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import static dev.sluice.db.Identifiers.quote;

/** What the operations that add a constraint share: the name check, the column list, NOT VALID + VALIDATE. */
final class Constraints {

    private Constraints() {
    }

    /**
     * Refuses a constraint name the table already has, or a relation name its schema has (a unique
     * constraint's index takes the constraint's name): rollback would drop what start did not add.
     */
    static void requireFree(Connection c, String operation, TableShape shape, String name) throws SQLException {
        boolean taken = CatalogReader.relationExists(c, shape.table.schema(), name);
        if (!taken) {
            try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from pg_catalog.pg_constraint k"
                    + " join pg_catalog.pg_class t on t.oid = k.conrelid join pg_catalog.pg_namespace n on n.oid = t.relnamespace"
                    + " where n.nspname = ? and t.relname = ? and k.conname = ?)")) {
                ps.setString(1, shape.table.schema());
                ps.setString(2, shape.table.name());
                ps.setString(3, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    taken = rs.getBoolean(1);
                }
            }
        }
        if (taken) {
            throw new OnlineException(operation + ": the name " + name + " is taken in " + shape.table.label() + "; choose another name");
        }
    }

    /** Column names, quoted, comma-separated. */
    static String columns(List<String> names) {
        return names.stream().map(n -> quote(n.trim())).collect(Collectors.joining(", "));
    }

    /** A constraint added NOT VALID at start, validated at complete, dropped by rollback. */
    static OperationSteps notValid(String table, String name, String add) {
        return new OperationSteps(List.of(add), List.of("alter table " + table + " validate constraint " + quote(name)), List.of(),
                List.of("alter table " + table + " drop constraint " + quote(name)));
    }
}
