package dev.sluice.sql.internal;

import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.PgStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the DDL of objects other than tables and indexes: views, functions, triggers, policies, types, domains,
 * schemas, sequences; {@code DROP} of any object; {@code COMMENT ON}. Part of {@link StatementParser}, which
 * says what a statement is and hands it here; like it, a method here may throw on a statement it cannot follow,
 * and the parser then keeps the statement opaque.
 */
final class ObjectParser {

    private ObjectParser() {
    }

    static PgStatement drop(PgStatement.Info info, Cursor c) {
        c.expect("DROP");
        StringBuilder objectType = new StringBuilder(c.nextUpper());
        String t = objectType.toString();
        int extra = switch (t) {
            case "MATERIALIZED", "FOREIGN", "EVENT", "ACCESS", "OPERATOR", "USER" -> 1;
            case "TEXT" -> 2;
            default -> 0;
        };
        if (t.equals("FOREIGN") && c.peekWord("DATA")) {
            extra = 2;
        }
        for (int i = 0; i < extra; i++) {
            objectType.append(' ').append(c.nextUpper());
        }
        boolean concurrently = c.accept("CONCURRENTLY");
        boolean ifExists = c.accept("IF", "EXISTS");
        List<QualifiedName> names = new ArrayList<>();
        boolean cascade = false;
        if (!c.atEnd()) {
            names.add(c.qualifiedName());
            while (!c.atEnd()) {
                if (c.peek(",")) {
                    c.skipOne();
                    if (!c.atEnd() && c.peekIdentifier()) {
                        names.add(c.qualifiedName());
                    }
                } else if (c.accept("CASCADE")) {
                    cascade = true;
                } else {
                    c.skipOne();
                }
            }
        }
        return new PgStatement.Drop(info, objectType.toString(), names, ifExists, concurrently, cascade);
    }

    static PgStatement alterType(PgStatement.Info info, Cursor c) {
        c.expect("ALTER");
        c.nextUpper();
        QualifiedName name = c.qualifiedName();
        PgStatement.AlterType.Action action = PgStatement.AlterType.Action.OTHER;
        Optional<String> value = Optional.empty();
        boolean notValid = false;
        if (c.accept("ADD", "VALUE")) {
            c.accept("IF", "NOT", "EXISTS");
            action = PgStatement.AlterType.Action.ADD_VALUE;
            value = Optional.of(c.stringValue());
        } else if (c.accept("RENAME", "VALUE")) {
            action = PgStatement.AlterType.Action.RENAME_VALUE;
            c.stringValue();
            c.expect("TO");
            value = Optional.of(c.stringValue());
        } else if (c.accept("RENAME", "TO")) {
            action = PgStatement.AlterType.Action.RENAME;
            value = Optional.of(c.identifier());
        } else if (c.accept("ADD")) {
            action = PgStatement.AlterType.Action.ADD_CONSTRAINT;
            while (!c.atEnd()) {
                if (c.accept("NOT", "VALID")) {
                    notValid = true;
                } else {
                    c.skipOne();
                }
            }
        } else if (c.accept("VALIDATE")) {
            action = PgStatement.AlterType.Action.VALIDATE_CONSTRAINT;
        } else if (c.accept("SET", "NOT", "NULL")) {
            action = PgStatement.AlterType.Action.SET_NOT_NULL;
        }
        return new PgStatement.AlterType(info, name, action, value, notValid);
    }

    static PgStatement alterObject(PgStatement.Info info, Cursor c) {
        c.expect("ALTER");
        String objectType = c.nextUpper();
        if (objectType.equals("MATERIALIZED")) {
            objectType += " " + c.nextUpper();
        }
        if (c.peekWord("ALL")) {
            return null;
        }
        c.accept("IF", "EXISTS");
        QualifiedName name = c.qualifiedName();
        Optional<String> renameTo = Optional.empty();
        if (c.accept("RENAME", "TO")) {
            renameTo = Optional.of(c.identifier());
        }
        return new PgStatement.AlterObject(info, objectType, name, renameTo);
    }

    static PgStatement comment(PgStatement.Info info, Cursor c) {
        c.expect("COMMENT");
        c.expect("ON");
        String what = c.nextUpper();
        if (what.equals("TABLE") || what.equals("COLUMN")) {
            return new PgStatement.Opaque(info, Optional.of(c.qualifiedName()));
        }
        return null;
    }

    static PgStatement createNamed(PgStatement.Info info, Cursor c) {
        c.expect("CREATE");
        boolean orReplace = c.peekWord("OR") && c.peekWord(1, "REPLACE");
        boolean materialized = false;
        while (!c.atEnd() && Set.of("OR", "REPLACE", "TEMP", "TEMPORARY", "RECURSIVE", "MATERIALIZED", "TRUSTED",
                "PROCEDURAL", "UNLOGGED").contains(c.peekUpper())) {
            materialized |= c.peekWord("MATERIALIZED");
            c.skipOne();
        }
        String objectType = (materialized ? "MATERIALIZED " : "") + c.nextUpper();
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        if (c.peekWord("AUTHORIZATION")) {
            return null;
        }
        return new PgStatement.CreateObject(info, objectType, Optional.of(c.qualifiedName()), orReplace, ifNotExists);
    }

    /** {@code CREATE [OR REPLACE] [CONSTRAINT] TRIGGER ... ON table} and {@code CREATE POLICY ... ON table}. */
    static PgStatement createOn(PgStatement.Info info, Cursor c) {
        c.expect("CREATE");
        boolean orReplace = c.accept("OR", "REPLACE");
        c.accept("CONSTRAINT");
        String objectType = c.nextUpper();
        while (!c.atEnd() && !c.peekWord("ON")) {
            c.skipOne();
        }
        c.expect("ON");
        return new PgStatement.CreateObject(info, objectType, Optional.of(c.qualifiedName()), orReplace, false);
    }

    /**
     * Any other {@code CREATE} (role, database, tablespace, server, collation, ...): its type and modifiers,
     * without a target, since these objects live outside the tables the lint follows.
     */
    static PgStatement createOther(PgStatement.Info info, Cursor c) {
        c.expect("CREATE");
        boolean orReplace = c.peekWord("OR") && c.peekWord(1, "REPLACE");
        while (!c.atEnd() && Set.of("OR", "REPLACE", "GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "TRUSTED",
                "PROCEDURAL", "DEFAULT", "UNIQUE", "CONSTRAINT", "RECURSIVE").contains(c.peekUpper())) {
            c.skipOne();
        }
        String objectType = c.atEnd() ? "" : c.nextUpper();
        return new PgStatement.CreateObject(info, objectType, Optional.empty(), orReplace,
                c.contains("IF", "NOT", "EXISTS"));
    }
}
