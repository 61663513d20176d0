package dev.sluice.online.internal;

import dev.sluice.db.Identifiers;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A physical table as the catalog describes it when a change is planned.
 *
 * @param schema      its schema
 * @param name        its name
 * @param columns     live columns in order
 * @param primaryKey  its primary key column when the key has exactly one column
 * @param constrained columns used by an index or a constraint other than NOT NULL
 */
record TableInfo(String schema, String name, List<Column> columns, Optional<String> primaryKey, Set<String> constrained) {

    record Column(String name, String type, boolean notNull, Optional<String> defaultExpr) {
    }

    String qualified() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    String label() {
        return schema + "." + name;
    }

    Optional<Column> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }
}
