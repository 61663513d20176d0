package dev.sluice.sql;

import java.util.List;
import java.util.Optional;

/**
 * A table constraint as {@code CREATE TABLE} or {@code ADD CONSTRAINT} declares it.
 *
 * @param name       its name, when given
 * @param type       what it is
 * @param columns    the columns it names (for a CHECK: the columns of a {@code col IS NOT NULL} test)
 * @param expression for a CHECK, the expression's text inside the parentheses
 * @param notValid   {@code NOT VALID}: existing rows are not checked now
 * @param usingIndex {@code USING INDEX name}: adopts an index that already exists
 * @param referencedTable for a FOREIGN KEY, the table it references, which the statement locks too
 */
public record ConstraintDefinition(Optional<String> name, Type type, List<String> columns, String expression,
                                   boolean notValid, boolean usingIndex, Optional<QualifiedName> referencedTable) {

    public ConstraintDefinition {
        columns = List.copyOf(columns);
    }

    /** The kinds of table constraint. */
    public enum Type { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUDE, NOT_NULL }

    /** For a CHECK of the form {@code col IS NOT NULL}, the column; otherwise empty. */
    public Optional<String> notNullCheckColumn() {
        return type == Type.CHECK && columns.size() == 1 ? Optional.of(columns.get(0)) : Optional.empty();
    }
}
