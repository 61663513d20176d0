package dev.sluice.sql.internal;

import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.ConstraintDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a table constraint, as {@code CREATE TABLE} and {@code ALTER TABLE ... ADD} declare it. Part of {@link
 * StatementParser}, which says what a statement is and hands it here; like it, a method here may throw on a
 * statement it cannot follow, and the parser then keeps the statement opaque.
 */
final class ConstraintParser {

    /** The words a table constraint starts with, where a column definition could stand instead. */
    static final Set<String> TABLE_CONSTRAINT_WORDS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN",
            "CHECK", "EXCLUDE");

    private ConstraintParser() {
    }

    static ConstraintDefinition tableConstraint(Cursor c) {
        Optional<String> name = Optional.empty();
        if (c.accept("CONSTRAINT")) {
            name = Optional.of(c.identifier());
        }
        ConstraintDefinition.Type type;
        List<String> columns = new ArrayList<>();
        String expression = "";
        boolean usingIndex = false;
        Optional<QualifiedName> referencedTable = Optional.empty();
        String w = c.nextUpper();
        switch (w) {
            case "PRIMARY", "UNIQUE" -> {
                type = w.equals("PRIMARY") ? ConstraintDefinition.Type.PRIMARY_KEY : ConstraintDefinition.Type.UNIQUE;
                c.accept("KEY");
                c.accept("NULLS", "NOT", "DISTINCT");
                c.accept("NULLS", "DISTINCT");
                if (c.accept("USING", "INDEX")) {
                    usingIndex = true;
                } else if (c.peek("(")) {
                    for (Cursor col : c.parenthesizedList()) {
                        if (!col.atEnd()) {
                            columns.add(col.identifier());
                        }
                    }
                }
            }
            case "FOREIGN" -> {
                type = ConstraintDefinition.Type.FOREIGN_KEY;
                c.accept("KEY");
                for (Cursor col : c.parenthesizedList()) {
                    if (!col.atEnd()) {
                        columns.add(col.identifier());
                    }
                }
                if (c.accept("REFERENCES") && c.peekIdentifier()) {
                    referencedTable = Optional.of(c.qualifiedName());
                }
            }
            case "CHECK" -> {
                type = ConstraintDefinition.Type.CHECK;
                int from = c.index() + 1;
                Cursor inner = c.parenthesized();
                expression = c.text(from, c.index() - 1);
                notNullColumn(inner).ifPresent(columns::add);
            }
            case "EXCLUDE" -> type = ConstraintDefinition.Type.EXCLUDE;
            case "NOT" -> {
                type = ConstraintDefinition.Type.NOT_NULL;
                c.accept("NULL");
                columns.add(c.identifier());
            }
            default -> throw new IllegalStateException("not a table constraint: " + w);
        }
        boolean notValid = false;
        while (!c.atEnd()) {
            if (c.accept("NOT", "VALID")) {
                notValid = true;
            } else {
                c.skipOne();
            }
        }
        return new ConstraintDefinition(name, type, columns, expression, notValid, usingIndex, referencedTable);
    }

    /** For the inside of {@code CHECK (...)}: the column when it reads {@code col IS NOT NULL}. */
    private static Optional<String> notNullColumn(Cursor inner) {
        while (inner.peek("(") && inner.size() >= 2 && inner.last().is(")")) {
            inner = inner.parenthesized();
        }
        if (inner.size() == 4 && inner.peekIdentifier() && inner.peekWord(1, "IS") && inner.peekWord(2, "NOT")
                && inner.peekWord(3, "NULL")) {
            return Optional.of(inner.identifier());
        }
        return Optional.empty();
    }
}
