package dev.sluice.online.internal;

import dev.sluice.online.OnlineException;
import dev.sluice.online.Operation;
import dev.sluice.sql.internal.SqlLexer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a constraint or index that an operation adds on a column the same migration's complete drops
 * (the old column of a type change or NOT NULL, a split or merged column, a dropped column). PostgreSQL
 * drops a check, key or index with its column, so complete would silently lose what start added; the
 * plain migration would have kept it. It goes in a migration after this one completes, where it names the
 * column the new version has.
 *
 * <p>A check or a partial index's predicate is SQL: every identifier in it counts as a column name, which may
 * refuse a function named like a dropped column, and never misses a column.
 */
final class ConstraintsOnDroppedColumns {

    /** An operation of the file, its number in it (from 1), and its table's shape. */
    record Planned(Operation operation, int number, TableShape shape) {
    }

    private ConstraintsOnDroppedColumns() {
    }

    /** What an operation adds on its table: its name, what it is, and the SQL that names its columns. */
    private record Added(String name, String noun, List<String> sql) {
    }

    static void refuse(List<Planned> planned) {
        for (Planned p : planned) {
            Optional<Added> added = added(p.operation());
            if (p.shape() == null || added.isEmpty()) {
                continue;
            }
            for (String column : columnNames(added.get().sql())) {
                String by = p.shape().droppedAtComplete.get(column);
                if (by != null) {
                    throw new OnlineException("operation " + p.number() + " (" + p.operation().kind() + " " + added.get().name() + ") uses "
                            + p.shape().table.label() + "." + column + ", which " + by + " in this migration replaces: complete drops that"
                            + " column and PostgreSQL drops the " + added.get().noun() + " with it. Move this operation to a migration"
                            + " after this one completes");
                }
            }
        }
    }

    /** The constraint or index an operation adds; empty for other operations. */
    private static Optional<Added> added(Operation op) {
        if (op instanceof Operation.AddCheck a) {
            return Optional.of(new Added(a.name(), "constraint", List.of(a.check())));
        } else if (op instanceof Operation.AddForeignKey f) {
            return Optional.of(new Added(f.name(), "constraint", f.columns()));
        } else if (op instanceof Operation.AddUnique u) {
            return Optional.of(new Added(u.name(), "constraint", u.columns()));
        } else if (op instanceof Operation.CreateIndex i) {
            List<String> sql = new ArrayList<>(i.columns());
            if (i.where() != null) {
                sql.add(i.where());
            }
            return Optional.of(new Added(i.name(), "index", sql));
        }
        return Optional.empty();
    }

    /** Every identifier in {@code sql}, as the catalog names it. */
    private static Set<String> columnNames(List<String> sql) {
        Set<String> names = new LinkedHashSet<>();
        for (String text : sql) {
            SqlLexer.identifierNames(text).ifPresent(names::addAll);
        }
        return names;
    }
}
