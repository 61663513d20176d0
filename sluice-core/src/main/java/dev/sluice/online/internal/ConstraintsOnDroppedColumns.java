package dev.sluice.online.internal;

import dev.sluice.online.OnlineException;
import dev.sluice.online.Operation;
import dev.sluice.sql.Token;
import dev.sluice.sql.TokenKind;
import dev.sluice.sql.internal.SqlLexer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

    static void refuse(List<Planned> planned) {
        for (Planned p : planned) {
            if (p.shape() == null) {
                continue;
            }
            for (String column : namedColumns(p.operation())) {
                String by = p.shape().droppedAtComplete.get(column);
                if (by != null) {
                    throw new OnlineException("operation " + p.number() + " (" + p.operation().kind() + " " + name(p.operation()) + ") uses "
                            + p.shape().table.label() + "." + column + ", which " + by + " in this migration replaces: complete drops that"
                            + " column and PostgreSQL drops the " + (p.operation() instanceof Operation.CreateIndex ? "index" : "constraint")
                            + " with it. Move this operation to a migration after this one completes");
                }
            }
        }
    }

    /** The column names an operation's constraint or index uses; empty for other operations. */
    static Set<String> namedColumns(Operation op) {
        List<String> sql = new ArrayList<>();
        if (op instanceof Operation.AddCheck a) {
            sql.add(a.check());
        } else if (op instanceof Operation.AddForeignKey f) {
            sql.addAll(f.columns());
        } else if (op instanceof Operation.AddUnique u) {
            sql.addAll(u.columns());
        } else if (op instanceof Operation.CreateIndex i) {
            sql.addAll(i.columns());
            if (i.where() != null) {
                sql.add(i.where());
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (String text : sql) {
            for (Token t : SqlLexer.significantTokens(text)) {
                if (t.kind() == TokenKind.WORD) {
                    names.add(t.text().toLowerCase(java.util.Locale.ROOT));
                } else if (t.kind() == TokenKind.QUOTED_IDENTIFIER && t.text().startsWith("\"")) {
                    names.add(t.text().substring(1, t.text().length() - 1).replace("\"\"", "\""));
                }
            }
        }
        return names;
    }

    private static String name(Operation op) {
        if (op instanceof Operation.AddCheck a) {
            return a.name();
        } else if (op instanceof Operation.AddForeignKey f) {
            return f.name();
        } else if (op instanceof Operation.AddUnique u) {
            return u.name();
        }
        return ((Operation.CreateIndex) op).name();
    }
}
