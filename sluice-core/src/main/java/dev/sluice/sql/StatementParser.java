package dev.sluice.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one statement into a {@link PgStatement}: enough of PostgreSQL's grammar to tell which locks a
 * DDL statement takes and what it rewrites, and no more.
 *
 * <p>It never throws. A statement it cannot follow (new syntax, a typo PostgreSQL will reject anyway)
 * becomes an {@link PgStatement.Opaque} with the kind its leading words give; the lint then has less to
 * say about it, but the run goes on. Hazard: this means a rule must treat a missing detail as "unknown",
 * never as "safe" where that would hide a lock.
 */
public final class StatementParser {

    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE",
            "REFERENCES", "CHECK", "GENERATED", "CONSTRAINT", "COLLATE", "COMPRESSION", "STORAGE", "DEFERRABLE",
            "INITIALLY");
    private static final Set<String> TABLE_CONSTRAINT_WORDS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN",
            "CHECK", "EXCLUDE");

    private StatementParser() {
    }

    /** Parses every statement of a script, in order. */
    public static List<PgStatement> parseAll(SqlScript script) {
        List<PgStatement> out = new ArrayList<>(script.statements().size());
        for (SqlStatement s : script.statements()) {
            out.add(parse(s));
        }
        return out;
    }

    /** Parses one statement; never throws. */
    public static PgStatement parse(SqlStatement statement) {
        List<Token> tokens = new ArrayList<>();
        try {
            SqlLexer lexer = new SqlLexer(statement.sql(), "statement");
            Token t;
            while ((t = lexer.next()) != null) {
                if (!t.isComment()) {
                    tokens.add(t);
                }
            }
        } catch (RuntimeException e) {
            tokens.clear();
        }
        StatementKind kind = classify(tokens);
        PgStatement.Info info = new PgStatement.Info(kind, statement, tokens);
        try {
            PgStatement detailed = detail(info, new Cursor(tokens, statement.sql()));
            return detailed != null ? detailed : new PgStatement.Opaque(info, Optional.empty());
        } catch (RuntimeException e) {
            return new PgStatement.Opaque(info, Optional.empty());
        }
    }

    // ---------------------------------------------------------------- classification

    static StatementKind classify(List<Token> tokens) {
        if (!tokens.isEmpty() && tokens.get(0).is("(")) {
            return StatementKind.SELECT;
        }
        List<String> w = new ArrayList<>();
        int depth = 0;
        for (Token t : tokens) {
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth = Math.max(0, depth - 1);
            } else if (t.kind() == TokenKind.WORD && depth == 0) {
                w.add(t.upper());
                if (w.size() >= 8) {
                    break;
                }
            } else if (depth == 0 && w.isEmpty()) {
                return StatementKind.OTHER;
            }
        }
        if (w.isEmpty()) {
            return StatementKind.OTHER;
        }
        String first = w.get(0);
        String second = w.size() > 1 ? w.get(1) : "";
        return switch (first) {
            case "CREATE" -> createKind(w);
            case "ALTER" -> switch (second) {
                case "TABLE" -> StatementKind.ALTER_TABLE;
                case "INDEX" -> StatementKind.ALTER_INDEX;
                case "TYPE" -> StatementKind.ALTER_TYPE;
                case "DOMAIN" -> StatementKind.ALTER_DOMAIN;
                case "SCHEMA" -> StatementKind.ALTER_SCHEMA;
                case "SEQUENCE" -> StatementKind.ALTER_SEQUENCE;
                case "VIEW", "MATERIALIZED" -> StatementKind.ALTER_VIEW;
                default -> StatementKind.ALTER_OTHER;
            };
            case "DROP" -> switch (second) {
                case "TABLE" -> StatementKind.DROP_TABLE;
                case "INDEX" -> StatementKind.DROP_INDEX;
                case "TYPE", "DOMAIN" -> StatementKind.DROP_TYPE;
                case "SCHEMA" -> StatementKind.DROP_SCHEMA;
                case "DATABASE" -> StatementKind.DROP_DATABASE;
                default -> StatementKind.DROP_OTHER;
            };
            case "REINDEX" -> StatementKind.REINDEX;
            case "TRUNCATE" -> StatementKind.TRUNCATE;
            case "LOCK" -> StatementKind.LOCK;
            case "VACUUM" -> StatementKind.VACUUM;
            case "ANALYZE", "ANALYSE" -> StatementKind.ANALYZE;
            case "CLUSTER" -> StatementKind.CLUSTER;
            case "SET" -> StatementKind.SET;
            case "RESET" -> StatementKind.RESET;
            case "BEGIN", "START" -> StatementKind.BEGIN;
            case "COMMIT", "END" -> StatementKind.COMMIT;
            case "ROLLBACK", "ABORT" -> w.contains("TO") ? StatementKind.SAVEPOINT : StatementKind.ROLLBACK;
            case "SAVEPOINT", "RELEASE" -> StatementKind.SAVEPOINT;
            case "INSERT" -> StatementKind.INSERT;
            case "UPDATE" -> StatementKind.UPDATE;
            case "DELETE" -> StatementKind.DELETE;
            case "MERGE" -> StatementKind.MERGE;
            case "SELECT", "VALUES", "TABLE" -> StatementKind.SELECT;
            case "WITH" -> withKind(w);
            case "COPY" -> StatementKind.COPY;
            case "COMMENT" -> StatementKind.COMMENT;
            case "GRANT" -> StatementKind.GRANT;
            case "REVOKE" -> StatementKind.REVOKE;
            case "DO" -> StatementKind.DO;
            case "CALL" -> StatementKind.CALL;
            case "REFRESH" -> StatementKind.REFRESH_MATERIALIZED_VIEW;
            default -> StatementKind.OTHER;
        };
    }

    private static StatementKind withKind(List<String> words) {
        // The main statement follows the last CTE; its keyword is the last DML word at depth zero.
        StatementKind kind = StatementKind.SELECT;
        for (String w : words.subList(1, words.size())) {
            switch (w) {
                case "INSERT" -> kind = StatementKind.INSERT;
                case "UPDATE" -> kind = StatementKind.UPDATE;
                case "DELETE" -> kind = StatementKind.DELETE;
                case "MERGE" -> kind = StatementKind.MERGE;
                default -> {
                }
            }
        }
        return kind;
    }

    private static StatementKind createKind(List<String> w) {
        for (String word : w.subList(1, w.size())) {
            switch (word) {
                case "OR", "REPLACE", "GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "UNIQUE", "TRUSTED",
                     "PROCEDURAL", "RECURSIVE", "CONSTRAINT", "DEFAULT" -> {
                    continue;
                }
                case "TABLE" -> {
                    return StatementKind.CREATE_TABLE;
                }
                case "INDEX" -> {
                    return StatementKind.CREATE_INDEX;
                }
                case "TYPE" -> {
                    return StatementKind.CREATE_TYPE;
                }
                case "DOMAIN" -> {
                    return StatementKind.CREATE_DOMAIN;
                }
                case "SCHEMA" -> {
                    return StatementKind.CREATE_SCHEMA;
                }
                case "DATABASE" -> {
                    return StatementKind.CREATE_DATABASE;
                }
                case "SEQUENCE" -> {
                    return StatementKind.CREATE_SEQUENCE;
                }
                case "VIEW" -> {
                    return StatementKind.CREATE_VIEW;
                }
                case "MATERIALIZED" -> {
                    return StatementKind.CREATE_MATERIALIZED_VIEW;
                }
                case "FUNCTION", "AGGREGATE" -> {
                    return StatementKind.CREATE_FUNCTION;
                }
                case "PROCEDURE" -> {
                    return StatementKind.CREATE_PROCEDURE;
                }
                case "TRIGGER" -> {
                    return StatementKind.CREATE_TRIGGER;
                }
                case "EXTENSION" -> {
                    return StatementKind.CREATE_EXTENSION;
                }
                case "POLICY" -> {
                    return StatementKind.CREATE_POLICY;
                }
                case "ROLE", "USER", "GROUP" -> {
                    return StatementKind.CREATE_ROLE;
                }
                default -> {
                    return StatementKind.CREATE_OTHER;
                }
            }
        }
        return StatementKind.CREATE_OTHER;
    }

    // ---------------------------------------------------------------- details

    private static PgStatement detail(PgStatement.Info info, Cursor c) {
        return switch (info.kind()) {
            case CREATE_TABLE -> createTable(info, c);
            case ALTER_TABLE -> alterTable(info, c);
            case CREATE_INDEX -> createIndex(info, c);
            case DROP_TABLE, DROP_INDEX, DROP_TYPE, DROP_SCHEMA, DROP_DATABASE, DROP_OTHER -> drop(info, c);
            case REINDEX -> reindex(info, c);
            case ALTER_TYPE, ALTER_DOMAIN -> alterType(info, c);
            case ALTER_SCHEMA, ALTER_INDEX, ALTER_SEQUENCE, ALTER_VIEW -> alterObject(info, c);
            case TRUNCATE -> truncate(info, c);
            case LOCK -> lock(info, c);
            case VACUUM -> vacuum(info, c);
            case CLUSTER -> cluster(info, c);
            case INSERT, UPDATE, DELETE, MERGE -> dml(info, c);
            case SET -> set(info, c);
            case COMMENT -> comment(info, c);
            case CREATE_VIEW, CREATE_MATERIALIZED_VIEW, CREATE_FUNCTION, CREATE_PROCEDURE, CREATE_EXTENSION,
                 CREATE_SCHEMA, CREATE_SEQUENCE, CREATE_TYPE, CREATE_DOMAIN -> createNamed(info, c);
            case CREATE_TRIGGER, CREATE_POLICY -> createOn(info, c);
            default -> null;
        };
    }

    private static PgStatement createTable(PgStatement.Info info, Cursor c) {
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
                if (TABLE_CONSTRAINT_WORDS.contains(element.peekUpper()) || element.peekWord("NOT") && element.peekWord(1, "NULL")) {
                    constraints.add(tableConstraint(element));
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

    private static ColumnDefinition column(PgStatement.Info info, Cursor c) {
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
                case "REFERENCES" -> references = true;
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
                references, check, info.line(at), info.column(at));
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

    private static ConstraintDefinition tableConstraint(Cursor c) {
        Optional<String> name = Optional.empty();
        if (c.accept("CONSTRAINT")) {
            name = Optional.of(c.identifier());
        }
        ConstraintDefinition.Type type;
        List<String> columns = new ArrayList<>();
        String expression = "";
        boolean usingIndex = false;
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
        return new ConstraintDefinition(name, type, columns, expression, notValid, usingIndex);
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

    private static PgStatement alterTable(PgStatement.Info info, Cursor c) {
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

    private static AlterTableAction alterAction(PgStatement.Info info, Cursor c) {
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
        String w = c.nextUpper();
        switch (w) {
            case "ADD" -> {
                if (TABLE_CONSTRAINT_WORDS.contains(c.peekUpper())) {
                    type = AlterTableAction.Type.ADD_CONSTRAINT;
                    ConstraintDefinition d = tableConstraint(c);
                    constraint = Optional.of(d);
                    name = d.name();
                } else {
                    c.accept("COLUMN");
                    c.accept("IF", "NOT", "EXISTS");
                    type = AlterTableAction.Type.ADD_COLUMN;
                    ColumnDefinition d = column(info, c);
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
                    newType = Optional.of(type(c));
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
                    concurrently = true;
                }
            }
            default -> {
            }
        }
        return new AlterTableAction(type, column, newColumn, newType, constraint, name, concurrently, hasUsing, text, line, col);
    }

    private static PgStatement createIndex(PgStatement.Info info, Cursor c) {
        c.expect("CREATE");
        boolean unique = c.accept("UNIQUE");
        c.expect("INDEX");
        boolean concurrently = c.accept("CONCURRENTLY");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        Optional<String> name = Optional.empty();
        if (!c.peekWord("ON")) {
            name = Optional.of(c.identifier());
        }
        c.expect("ON");
        boolean only = c.accept("ONLY");
        QualifiedName table = c.qualifiedName();
        return new PgStatement.CreateIndex(info, name, table, unique, concurrently, ifNotExists, only);
    }

    private static PgStatement drop(PgStatement.Info info, Cursor c) {
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

    private static PgStatement reindex(PgStatement.Info info, Cursor c) {
        c.expect("REINDEX");
        boolean concurrently = false;
        if (c.peek("(")) {
            for (Cursor o : c.parenthesizedList()) {
                if (o.accept("CONCURRENTLY") && !(o.accept("FALSE") || o.accept("OFF"))) {
                    concurrently = true;
                }
            }
        }
        String objectType = c.nextUpper();
        concurrently |= c.accept("CONCURRENTLY");
        Optional<QualifiedName> name = c.atEnd() ? Optional.empty() : Optional.of(c.qualifiedName());
        return new PgStatement.Reindex(info, objectType, name, concurrently);
    }

    private static PgStatement alterType(PgStatement.Info info, Cursor c) {
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

    private static PgStatement alterObject(PgStatement.Info info, Cursor c) {
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

    private static PgStatement truncate(PgStatement.Info info, Cursor c) {
        c.expect("TRUNCATE");
        c.accept("TABLE");
        List<QualifiedName> tables = new ArrayList<>();
        boolean cascade = false;
        boolean expectName = true;
        while (!c.atEnd()) {
            if (c.accept("CASCADE")) {
                cascade = true;
            } else if (c.peek(",")) {
                c.skipOne();
                expectName = true;
            } else if (expectName && c.peekIdentifier() && !c.peekWord("RESTART") && !c.peekWord("CONTINUE")
                    && !c.peekWord("RESTRICT")) {
                c.accept("ONLY");
                tables.add(c.qualifiedName());
                expectName = false;
            } else {
                c.skipOne();
            }
        }
        return new PgStatement.Truncate(info, tables, cascade);
    }

    private static PgStatement lock(PgStatement.Info info, Cursor c) {
        c.expect("LOCK");
        c.accept("TABLE");
        List<QualifiedName> tables = new ArrayList<>();
        String mode = "ACCESS EXCLUSIVE";
        while (!c.atEnd()) {
            if (c.accept("IN")) {
                StringBuilder m = new StringBuilder();
                while (!c.atEnd() && !c.peekWord("MODE")) {
                    m.append(m.length() == 0 ? "" : " ").append(c.nextUpper());
                }
                mode = m.toString();
            } else if (c.peek(",") || c.peek("*")) {
                c.skipOne();
            } else if (c.peekWord("MODE") || c.peekWord("NOWAIT")) {
                c.skipOne();
            } else {
                c.accept("ONLY");
                tables.add(c.qualifiedName());
            }
        }
        return new PgStatement.Lock(info, tables, mode);
    }

    private static PgStatement vacuum(PgStatement.Info info, Cursor c) {
        c.expect("VACUUM");
        boolean full = false;
        if (c.peek("(")) {
            for (Cursor o : c.parenthesizedList()) {
                if (o.accept("FULL") && !(o.accept("FALSE") || o.accept("OFF") || o.peekText("0"))) {
                    full = true;
                }
            }
        }
        while (c.peekKind(TokenKind.WORD) && Set.of("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE").contains(c.peekUpper())) {
            full |= c.nextUpper().equals("FULL");
        }
        return new PgStatement.Maintenance(info, full, tableList(c));
    }

    private static PgStatement cluster(PgStatement.Info info, Cursor c) {
        c.expect("CLUSTER");
        if (c.peek("(")) {
            c.skipParens();
        }
        c.accept("VERBOSE");
        List<QualifiedName> tables = new ArrayList<>();
        if (!c.atEnd()) {
            tables.add(c.qualifiedName());
        }
        return new PgStatement.Maintenance(info, true, tables);
    }

    private static List<QualifiedName> tableList(Cursor c) {
        List<QualifiedName> tables = new ArrayList<>();
        while (!c.atEnd()) {
            if (c.peekIdentifier()) {
                tables.add(c.qualifiedName());
                if (c.peek("(")) {
                    c.skipParens();
                }
            } else {
                c.skipOne();
            }
        }
        return tables;
    }

    private static PgStatement dml(PgStatement.Info info, Cursor c) {
        String keyword = switch (info.kind()) {
            case INSERT -> "INSERT";
            case UPDATE -> "UPDATE";
            case DELETE -> "DELETE";
            default -> "MERGE";
        };
        while (!c.atEnd() && !(c.peekWord(keyword) && c.depthZero())) {
            c.skipOne();
        }
        c.expect(keyword);
        c.accept("INTO");
        c.accept("FROM");
        c.accept("ONLY");
        QualifiedName table = c.qualifiedName();
        boolean hasWhere = info.kind() == StatementKind.INSERT || info.kind() == StatementKind.MERGE;
        while (!c.atEnd()) {
            if (c.peekWord("WHERE") && c.depthZero()) {
                hasWhere = true;
            }
            c.skipOne();
        }
        return new PgStatement.Dml(info, table, hasWhere);
    }

    private static PgStatement set(PgStatement.Info info, Cursor c) {
        c.expect("SET");
        boolean local = c.accept("LOCAL");
        c.accept("SESSION");
        String parameter;
        if (c.accept("TIME", "ZONE")) {
            parameter = "timezone";
        } else {
            StringBuilder p = new StringBuilder(c.identifier());
            while (c.peek(".")) {
                c.skipOne();
                p.append('.').append(c.identifier());
            }
            parameter = p.toString();
        }
        if (!c.accept("TO") && c.peek("=")) {
            c.skipOne();
        }
        int from = c.index();
        while (!c.atEnd()) {
            c.skipOne();
        }
        String value = c.text(from, c.index());
        return new PgStatement.Set(info, local, parameter, value.toLowerCase(Locale.ROOT));
    }

    private static PgStatement comment(PgStatement.Info info, Cursor c) {
        c.expect("COMMENT");
        c.expect("ON");
        String what = c.nextUpper();
        if (what.equals("TABLE") || what.equals("COLUMN")) {
            return new PgStatement.Opaque(info, Optional.of(c.qualifiedName()));
        }
        return null;
    }

    private static PgStatement createNamed(PgStatement.Info info, Cursor c) {
        c.expect("CREATE");
        while (!c.atEnd() && Set.of("OR", "REPLACE", "TEMP", "TEMPORARY", "RECURSIVE", "MATERIALIZED", "TRUSTED",
                "PROCEDURAL", "UNLOGGED").contains(c.peekUpper())) {
            c.skipOne();
        }
        c.nextUpper();
        c.accept("IF", "NOT", "EXISTS");
        if (c.peekWord("AUTHORIZATION")) {
            return null;
        }
        return new PgStatement.Opaque(info, Optional.of(c.qualifiedName()));
    }

    private static PgStatement createOn(PgStatement.Info info, Cursor c) {
        while (!c.atEnd() && !c.peekWord("ON")) {
            c.skipOne();
        }
        c.expect("ON");
        return new PgStatement.Opaque(info, Optional.of(c.qualifiedName()));
    }

    // ---------------------------------------------------------------- cursor

    /** A position in a token list, with the small vocabulary the grammar above is written in. */
    static final class Cursor {
        private final List<Token> tokens;
        private final String sql;
        private int i;
        private int depth;

        Cursor(List<Token> tokens, String sql) {
            this.tokens = tokens;
            this.sql = sql;
        }

        int index() {
            return i;
        }

        int size() {
            return tokens.size();
        }

        boolean atEnd() {
            return i >= tokens.size();
        }

        boolean depthZero() {
            return depth == 0;
        }

        Token peekToken() {
            return tokens.get(i);
        }

        Token last() {
            return tokens.get(tokens.size() - 1);
        }

        boolean peek(String symbol) {
            return !atEnd() && tokens.get(i).is(symbol);
        }

        boolean peekText(String text) {
            return !atEnd() && tokens.get(i).text().equals(text);
        }

        boolean peekKind(TokenKind kind) {
            return !atEnd() && tokens.get(i).kind() == kind;
        }

        boolean peekWord(String word) {
            return peekWord(0, word);
        }

        boolean peekWord(int ahead, String word) {
            return i + ahead < tokens.size() && tokens.get(i + ahead).isWord(word);
        }

        boolean peekIdentifier() {
            return peekKind(TokenKind.WORD) || peekKind(TokenKind.QUOTED_IDENTIFIER);
        }

        String peekUpper() {
            return atEnd() ? "" : tokens.get(i).upper();
        }

        /** Consumes the words when they all come next, in order. */
        boolean accept(String... words) {
            for (int k = 0; k < words.length; k++) {
                if (!peekWord(k, words[k])) {
                    return false;
                }
            }
            i += words.length;
            return true;
        }

        void expect(String word) {
            if (!accept(word)) {
                throw new IllegalStateException("expected " + word + " at token " + i);
            }
        }

        String nextUpper() {
            if (atEnd()) {
                throw new IllegalStateException("unexpected end");
            }
            return tokens.get(i++).upper();
        }

        String nextText() {
            if (atEnd()) {
                throw new IllegalStateException("unexpected end");
            }
            return tokens.get(i++).text();
        }

        void skipOne() {
            if (atEnd()) {
                throw new IllegalStateException("unexpected end");
            }
            Token t = tokens.get(i++);
            if (t.is("(") || t.is("[")) {
                depth++;
            } else if (t.is(")") || t.is("]")) {
                depth = Math.max(0, depth - 1);
            }
        }

        /** One identifier, folded: an unquoted word in lower case, a quoted one as written. */
        String identifier() {
            if (atEnd()) {
                throw new IllegalStateException("expected a name");
            }
            Token t = tokens.get(i);
            if (t.kind() == TokenKind.WORD) {
                i++;
                return t.text().toLowerCase(Locale.ROOT);
            }
            if (t.kind() == TokenKind.QUOTED_IDENTIFIER) {
                i++;
                return unquote(t.text());
            }
            throw new IllegalStateException("expected a name, found " + t.text());
        }

        QualifiedName qualifiedName() {
            List<String> parts = new ArrayList<>();
            parts.add(identifier());
            while (peek(".")) {
                i++;
                parts.add(identifier());
            }
            String name = parts.get(parts.size() - 1);
            Optional<String> schema = parts.size() > 1 ? Optional.of(parts.get(parts.size() - 2)) : Optional.empty();
            return new QualifiedName(schema, name);
        }

        /** A string constant's value, e.g. an enum label. */
        String stringValue() {
            Token t = tokens.get(i++);
            String s = t.text();
            if (t.kind() == TokenKind.STRING && s.startsWith("'")) {
                return s.substring(1, s.length() - 1).replace("''", "'");
            }
            if (t.kind() == TokenKind.STRING) {
                int q = s.indexOf('\'');
                return s.substring(q + 1, s.length() - 1).replace("''", "'");
            }
            return s;
        }

        /** Skips a balanced group starting at the current {@code (}; does nothing elsewhere. */
        void skipParens() {
            if (!peek("(")) {
                return;
            }
            i++;
            skipParensFromInside();
        }

        /** Skips to just after the {@code )} that closes a group whose {@code (} was already consumed. */
        void skipParensFromInside() {
            int d = 1;
            while (!atEnd() && d > 0) {
                Token t = tokens.get(i++);
                if (t.is("(")) {
                    d++;
                } else if (t.is(")")) {
                    d--;
                }
            }
        }

        /** The tokens inside the group at the cursor, as a cursor of their own; moves past the group. */
        Cursor parenthesized() {
            if (!peek("(")) {
                throw new IllegalStateException("expected (");
            }
            int from = i + 1;
            skipParens();
            return new Cursor(tokens.subList(from, i - 1), sql);
        }

        /** The group at the cursor split at its top-level commas; moves past the group. */
        List<Cursor> parenthesizedList() {
            return parenthesized().commaSeparated();
        }

        /** The rest split at top-level commas. */
        List<Cursor> commaSeparated() {
            List<Cursor> parts = new ArrayList<>();
            int d = 0;
            int from = i;
            for (; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.is("(") || t.is("[")) {
                    d++;
                } else if (t.is(")") || t.is("]")) {
                    d--;
                } else if (d == 0 && t.is(",")) {
                    parts.add(new Cursor(tokens.subList(from, i), sql));
                    from = i + 1;
                }
            }
            parts.add(new Cursor(tokens.subList(from, tokens.size()), sql));
            return parts;
        }

        /** The source text from token {@code from} up to (not including) token {@code to}. */
        String text(int from, int to) {
            if (from >= to || from >= tokens.size()) {
                return "";
            }
            return sql.substring(tokens.get(from).start(), tokens.get(Math.min(to, tokens.size()) - 1).end());
        }
    }

    static String unquote(String quoted) {
        String s = quoted.startsWith("U&") || quoted.startsWith("u&") ? quoted.substring(2) : quoted;
        return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
}
