package dev.sluice.sql.internal;

import dev.sluice.sql.TokenKind;
import dev.sluice.sql.Token;
import dev.sluice.sql.ColumnDefinition;
import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.TypeName;
import dev.sluice.sql.ConstraintDefinition;
import dev.sluice.sql.PgStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code CREATE TABLE}: its columns, their types and inline constraints, and its table constraints. Part
 * of {@link StatementParser}, which says what a statement is and hands it here; like it, a method here may throw
 * on a statement it cannot follow, and the parser then keeps the statement opaque.
 */
final class CreateTableParser {

    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE",
            "REFERENCES", "CHECK", "GENERATED", "CONSTRAINT", "COLLATE", "COMPRESSION", "STORAGE", "DEFERRABLE",
            "INITIALLY");

    private CreateTableParser() {
    }

    static PgStatement createTable(PgStatement.Info info, Cursor c) {
        c.expect("CREATE");
        boolean temporary = false;
        while (!c.peekWord("TABLE")) {
            String w = c.nextUpper();
            if (w.equals("TEMP") || w.equals("TEMPORARY")) {
                temporary = true;
            }
        }
        c.expect("TABLE");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        QualifiedName name = c.qualifiedName();
        Optional<QualifiedName> partitionOf = Optional.empty();
        if (c.accept("PARTITION", "OF")) {
            partitionOf = Optional.of(c.qualifiedName());
        } else if (c.accept("OF")) {
            c.qualifiedName();
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        List<ConstraintDefinition> constraints = new ArrayList<>();
        if (c.peek("(")) {
            for (Cursor element : c.parenthesizedList()) {
                if (element.atEnd()) {
                    continue;
                }
                if (ConstraintParser.TABLE_CONSTRAINT_WORDS.contains(element.peekUpper()) || element.peekWord("NOT") && element.peekWord(1, "NULL")) {
                    constraints.add(ConstraintParser.tableConstraint(element));
                } else if (element.peekWord("LIKE")) {
                    continue;
                } else {
                    columns.add(column(info, element));
                }
            }
        }
        boolean partitioned = false;
        while (!c.atEnd()) {
            if (c.accept("PARTITION", "BY")) {
                partitioned = true;
            } else {
                c.skipOne();
            }
        }
        return new PgStatement.CreateTable(info, name, ifNotExists, temporary, columns, constraints, partitionOf, partitioned);
    }

    static ColumnDefinition column(PgStatement.Info info, Cursor c) {
        Token at = c.peekToken();
        String name = c.identifier();
        TypeName type = c.peekWord("WITH") ? new TypeName("unknown", List.of(), false, "") : type(c);
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        Optional<String> defaultValue = Optional.empty();
        boolean identity = false;
        boolean generatedStored = false;
        boolean references = false;
        Optional<QualifiedName> referencedTable = Optional.empty();
        boolean check = false;
        while (!c.atEnd()) {
            String w = c.nextUpper();
            switch (w) {
                case "NOT" -> {
                    if (c.accept("NULL")) {
                        notNull = true;
                    }
                }
                case "PRIMARY" -> {
                    c.accept("KEY");
                    primaryKey = true;
                    notNull = true;
                }
                case "UNIQUE" -> unique = true;
                case "REFERENCES" -> {
                    references = true;
                    if (c.peekIdentifier()) {
                        referencedTable = Optional.of(c.qualifiedName());
                    }
                }
                case "CHECK" -> {
                    check = true;
                    c.skipParens();
                }
                case "DEFAULT" -> {
                    int from = c.index();
                    while (!c.atEnd() && !(c.peekKind(TokenKind.WORD) && COLUMN_CONSTRAINT_WORDS.contains(c.peekUpper()))) {
                        c.skipOne();
                    }
                    defaultValue = Optional.of(c.text(from, c.index()));
                }
                case "GENERATED" -> {
                    if (c.accept("ALWAYS")) {
                        c.accept("AS");
                    } else {
                        c.accept("BY", "DEFAULT", "AS");
                    }
                    if (c.accept("IDENTITY")) {
                        identity = true;
                        notNull = true;
                    } else {
                        c.skipParens();
                        if (c.accept("STORED")) {
                            generatedStored = true;
                        }
                    }
                }
                case "(" -> c.skipParensFromInside();
                default -> {
                }
            }
        }
        return new ColumnDefinition(name, type, notNull, primaryKey, unique, defaultValue, identity, generatedStored,
                references, referencedTable, check, info.line(at), info.column(at));
    }

    /** Reads a type name at the cursor. */
    static TypeName type(Cursor c) {
        int from = c.index();
        List<String> words = new ArrayList<>();
        String first = c.identifier();
        while (c.peek(".")) {
            c.skipOne();
            first = c.identifier();
        }
        words.add(first);
        switch (first) {
            case "double" -> {
                if (c.accept("PRECISION")) {
                    words.add("precision");
                }
            }
            case "character", "char", "national", "nchar" -> {
                if (first.equals("national") && c.accept("CHARACTER")) {
                    words.set(0, "character");
                }
                if (c.accept("VARYING")) {
                    words.add("varying");
                }
            }
            case "bit" -> {
                if (c.accept("VARYING")) {
                    words.add("varying");
                }
            }
            default -> {
            }
        }
        List<Integer> modifiers = new ArrayList<>();
        if (c.peek("(")) {
            for (Cursor m : c.parenthesizedList()) {
                if (!m.atEnd() && m.peekKind(TokenKind.NUMBER)) {
                    try {
                        modifiers.add(Integer.parseInt(m.nextText()));
                    } catch (NumberFormatException e) {
                        modifiers.add(-1);
                    }
                }
            }
        }
        if ((first.equals("timestamp") || first.equals("time"))) {
            if (c.accept("WITH", "TIME", "ZONE")) {
                words.add("with time zone");
            } else if (c.accept("WITHOUT", "TIME", "ZONE")) {
                words.add("without time zone");
            }
        }
        if (first.equals("interval")) {
            while (c.peekKind(TokenKind.WORD) && Set.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "TO")
                    .contains(c.peekUpper())) {
                c.skipOne();
            }
            if (c.peek("(")) {
                c.skipParens();
            }
        }
        boolean array = false;
        while (c.peek("[") || c.peekWord("ARRAY")) {
            array = true;
            if (c.peekWord("ARRAY")) {
                c.skipOne();
            }
            if (c.peek("[")) {
                while (!c.atEnd() && !c.peek("]")) {
                    c.skipOne();
                }
                c.skipOne();
            }
        }
        String joined = String.join(" ", words);
        return new TypeName(TypeName.canonical(joined), modifiers, array, c.text(from, c.index()));
    }
}
