package dev.sluice;

import dev.sluice.db.Identifiers;
import dev.sluice.lint.TableSizes;
import dev.sluice.sql.QualifiedName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Table sizes read from the database the gate is about to migrate: {@code pg_relation_size}, exact, of
 * the table or, for a partitioned table, of all its partitions (the parent itself holds nothing). Names
 * resolve through the connection's search_path, as the migration's own statements will. Each table is
 * read once per gate.
 */
final class DatabaseTableSizes implements TableSizes {

    private static final String SQL = "select r is not null, case when (select relkind from pg_class where oid = r) in ('p', 'I')"
            + " then coalesce((select sum(pg_relation_size(t.relid)) from pg_partition_tree(r) t where t.isleaf), 0)"
            + " else coalesce(pg_relation_size(r), 0) end from to_regclass(?) r";

    private final Connection connection;
    private final Map<String, OptionalLong> cache = new HashMap<>();

    DatabaseTableSizes(Connection connection) {
        this.connection = connection;
    }

    @Override
    public OptionalLong bytes(QualifiedName table) {
        String name = table.schema().map(s -> Identifiers.quote(s) + ".").orElse("") + Identifiers.quote(table.name());
        return cache.computeIfAbsent(name, this::read);
    }

    private OptionalLong read(String quotedName) {
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setString(1, quotedName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? OptionalLong.of(rs.getLong(2)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the lint gate cannot read the size of " + quotedName + ": " + e.getMessage(), e);
        }
    }
}
