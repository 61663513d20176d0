package dev.sluice.sql.internal;

import dev.sluice.sql.Token;
import dev.sluice.sql.ColumnDefinition;
import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.TypeName;
import dev.sluice.sql.ConstraintDefinition;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.AlterTableAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code ALTER TABLE} into its sub-commands. Part of {@link StatementParser}, which says what a statement
 * is and hands it here; like it, a method here may throw on a statement it cannot follow, and the parser then
 * keeps the statement opaque.
 */
final class AlterTableParser {

    private AlterTableParser() {
    }

    static PgStatement alterTable(PgStatement.Info info, Cursor c) {
        c.expect("ALTER");
        c.expect("TABLE");
        if (c.peekWord("ALL")) {
            return null;
        }
        boolean ifExists = c.accept("IF", "EXISTS");
        c.accept("ONLY");
        QualifiedName name = c.qualifiedName();
        if (c.peek("*")) {
            c.skipOne();
        }
        List<AlterTableAction> actions = new ArrayList<>();
        for (Cursor a : c.commaSeparated()) {
            if (!a.atEnd()) {
                actions.add(alterAction(info, a));
            }
        }
        return new PgStatement.AlterTable(info, name, ifExists, actions);
    }

    static AlterTableAction alterAction(PgStatement.Info info, Cursor c) {
        Token start = c.peekToken();
        int line = info.line(start);
        int col = info.column(start);
        String text = c.text(0, c.size());
        AlterTableAction.Type type = AlterTableAction.Type.OTHER;
        Optional<String> column = Optional.empty();
        Optional<ColumnDefinition> newColumn = Optional.empty();
        Optional<TypeName> newType = Optional.empty();
        Optional<ConstraintDefinition> constraint = Optional.empty();
        Optional<String> name = Optional.empty();
        boolean concurrently = false;
        boolean hasUsing = false;
        boolean finalizing = false;
        // ADD COLUMN IF NOT EXISTS, DROP COLUMN/CONSTRAINT IF EXISTS, ALTER COLUMN ... DROP IDENTITY IF EXISTS, ...
        boolean guarded = c.contains("IF", "EXISTS") || c.contains("IF", "NOT", "EXISTS");
        String w = c.nextUpper();
        switch (w) {
            case "ADD" -> {
                if (ConstraintParser.TABLE_CONSTRAINT_WORDS.contains(c.peekUpper())) {
                    type = AlterTableAction.Type.ADD_CONSTRAINT;
                    ConstraintDefinition d = ConstraintParser.tableConstraint(c);
                    constraint = Optional.of(d);
                    name = d.name();
                } else {
                    c.accept("COLUMN");
                    c.accept("IF", "NOT", "EXISTS");
                    type = AlterTableAction.Type.ADD_COLUMN;
                    ColumnDefinition d = CreateTableParser.column(info, c);
                    newColumn = Optional.of(d);
                    column = Optional.of(d.name());
                }
            }
            case "DROP" -> {
                if (c.accept("CONSTRAINT")) {
                    c.accept("IF", "EXISTS");
                    type = AlterTableAction.Type.DROP_CONSTRAINT;
                    name = Optional.of(c.identifier());
                } else {
                    c.accept("COLUMN");
                    c.accept("IF", "EXISTS");
                    type = AlterTableAction.Type.DROP_COLUMN;
                    column = Optional.of(c.identifier());
                }
            }
            case "ALTER" -> {
                if (c.peekWord("CONSTRAINT")) {
                    break;
                }
                c.accept("COLUMN");
                column = Optional.of(c.identifier());
                if (c.accept("SET", "DATA", "TYPE") || c.accept("TYPE")) {
                    type = AlterTableAction.Type.ALTER_COLUMN_TYPE;
                    newType = Optional.of(CreateTableParser.type(c));
                    while (!c.atEnd()) {
                        if (c.accept("USING")) {
                            hasUsing = true;
                        } else {
                            c.skipOne();
                        }
                    }
                } else if (c.accept("SET", "NOT", "NULL")) {
                    type = AlterTableAction.Type.SET_NOT_NULL;
                } else if (c.accept("DROP", "NOT", "NULL")) {
                    type = AlterTableAction.Type.DROP_NOT_NULL;
                } else if (c.accept("SET", "DEFAULT")) {
                    type = AlterTableAction.Type.SET_DEFAULT;
                } else if (c.accept("DROP", "DEFAULT")) {
                    type = AlterTableAction.Type.DROP_DEFAULT;
                } else if (c.accept("ADD", "GENERATED")) {
                    type = AlterTableAction.Type.ADD_IDENTITY;
                }
            }
            case "VALIDATE" -> {
                c.accept("CONSTRAINT");
                type = AlterTableAction.Type.VALIDATE_CONSTRAINT;
                name = Optional.of(c.identifier());
            }
            case "RENAME" -> {
                if (c.accept("TO")) {
                    type = AlterTableAction.Type.RENAME_TABLE;
                    name = Optional.of(c.identifier());
                } else if (c.accept("CONSTRAINT")) {
                    type = AlterTableAction.Type.RENAME_CONSTRAINT;
                    c.identifier();
                    c.expect("TO");
                    name = Optional.of(c.identifier());
                } else {
                    c.accept("COLUMN");
                    type = AlterTableAction.Type.RENAME_COLUMN;
                    column = Optional.of(c.identifier());
                    c.expect("TO");
                    name = Optional.of(c.identifier());
                }
            }
            case "SET" -> {
                if (c.accept("SCHEMA")) {
                    type = AlterTableAction.Type.SET_SCHEMA;
                    name = Optional.of(c.identifier());
                } else if (c.accept("TABLESPACE")) {
                    type = AlterTableAction.Type.SET_TABLESPACE;
                } else if (c.accept("LOGGED") || c.accept("UNLOGGED")) {
                    type = AlterTableAction.Type.SET_LOGGED;
                }
            }
            case "ATTACH" -> {
                c.expect("PARTITION");
                type = AlterTableAction.Type.ATTACH_PARTITION;
                name = Optional.of(c.qualifiedName().toString());
            }
            case "DETACH" -> {
                c.expect("PARTITION");
                type = AlterTableAction.Type.DETACH_PARTITION;
                name = Optional.of(c.qualifiedName().toString());
                concurrently = c.accept("CONCURRENTLY");
                if (c.accept("FINALIZE")) {
                    finalizing = true;
                    concurrently = true;
                }
            }
            default -> {
            }
        }
        return new AlterTableAction(type, column, newColumn, newType, constraint, name, concurrently, hasUsing, guarded,
                finalizing, text, line, col);
    }
}
