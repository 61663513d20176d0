package dev.sluice.sql.internal;

import dev.sluice.sql.TokenKind;
import dev.sluice.sql.Token;
import dev.sluice.sql.QualifiedName;
import dev.sluice.sql.StatementKind;
import dev.sluice.sql.SqlScript;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.SqlStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one statement into a {@link PgStatement}: enough of PostgreSQL's grammar to tell which locks a
 * DDL statement takes and what it rewrites, and no more.
 *
 * <p>It never throws. A statement it cannot follow (new syntax, a typo PostgreSQL will reject anyway)
 * becomes an {@link PgStatement.Opaque} with the kind its leading words give; the lint then has less to
 * say about it, but the run goes on. Hazard: this means a rule must treat a missing detail as "unknown",
 * never as "safe" where that would hide a lock.
 *
 * <p>This class says what a statement is ({@link StatementKind}) and hands it to the grammar of its family:
 * {@code CreateTableParser}, {@code ConstraintParser}, {@code AlterTableParser}, {@code IndexParser},
 * {@code ObjectParser}, {@code DataParser} and {@code MaintenanceParser}, all written over {@code Cursor}.
 */
public final class StatementParser {

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

    /**
     * The statements parsed last. One statement is asked about several times on its way (the file's
     * transaction requirement, the lint gate, the pre-flight, the wait for conflicting locks, the grouping
     * of statements), and the answer never changes: a statement model is immutable. Bounded, so a run of
     * many migrations holds only the last few.
     */
    private static final Map<SqlStatement, PgStatement> RECENT = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SqlStatement, PgStatement> eldest) {
            return size() > 256;
        }
    };

    /** Parses one statement; never throws. */
    public static PgStatement parse(SqlStatement statement) {
        synchronized (RECENT) {
            PgStatement known = RECENT.get(statement);
            if (known != null) {
                return known;
            }
        }
        PgStatement parsed = parseNew(statement);
        synchronized (RECENT) {
            RECENT.put(statement, parsed);
        }
        return parsed;
    }

    private static PgStatement parseNew(SqlStatement statement) {
        List<Token> tokens;
        try {
            tokens = SqlLexer.significantTokens(statement.sql());
        } catch (RuntimeException e) {
            tokens = List.of();
        }
        StatementKind kind = classify(tokens);
        PgStatement.Info info = new PgStatement.Info(kind, statement, tokens);
        try {
            PgStatement detailed = detail(info, new Cursor(tokens, statement.sql()));
            return detailed != null ? detailed : new PgStatement.Opaque(info, Optional.empty());
        } catch (RuntimeException e) {
            return new PgStatement.Opaque(info, leadingTable(kind, new Cursor(tokens, statement.sql())));
        }
    }

    /**
     * For a statement that can destroy data but that the parser could not follow: the table its leading words
     * name. Backup copies that table before such a statement runs; without the name it would copy nothing.
     */
    private static Optional<QualifiedName> leadingTable(StatementKind kind, Cursor c) {
        try {
            switch (kind) {
                case ALTER_TABLE -> {
                    c.expect("ALTER");
                    c.expect("TABLE");
                    c.accept("IF", "EXISTS");
                    c.accept("ONLY");
                }
                case DROP_TABLE -> {
                    c.expect("DROP");
                    c.expect("TABLE");
                    c.accept("IF", "EXISTS");
                }
                case TRUNCATE -> {
                    c.expect("TRUNCATE");
                    c.accept("TABLE");
                    c.accept("ONLY");
                }
                case UPDATE -> {
                    c.expect("UPDATE");
                    c.accept("ONLY");
                }
                case DELETE -> {
                    c.expect("DELETE");
                    c.expect("FROM");
                    c.accept("ONLY");
                }
                default -> {
                    return Optional.empty();
                }
            }
            return Optional.of(c.qualifiedName());
        } catch (RuntimeException e) {
            return Optional.empty();
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
            case CREATE_TABLE -> CreateTableParser.createTable(info, c);
            case ALTER_TABLE -> AlterTableParser.alterTable(info, c);
            case CREATE_INDEX -> IndexParser.createIndex(info, c);
            case DROP_TABLE, DROP_INDEX, DROP_TYPE, DROP_SCHEMA, DROP_DATABASE, DROP_OTHER -> ObjectParser.drop(info, c);
            case REINDEX -> IndexParser.reindex(info, c);
            case ALTER_TYPE, ALTER_DOMAIN -> ObjectParser.alterType(info, c);
            case ALTER_SCHEMA, ALTER_INDEX, ALTER_SEQUENCE, ALTER_VIEW -> ObjectParser.alterObject(info, c);
            case TRUNCATE -> DataParser.truncate(info, c);
            case LOCK -> DataParser.lock(info, c);
            case VACUUM -> MaintenanceParser.vacuum(info, c);
            case CLUSTER -> MaintenanceParser.cluster(info, c);
            case INSERT, UPDATE, DELETE, MERGE -> DataParser.dml(info, c);
            case SET -> MaintenanceParser.set(info, c);
            case COMMENT -> ObjectParser.comment(info, c);
            case CREATE_VIEW, CREATE_MATERIALIZED_VIEW, CREATE_FUNCTION, CREATE_PROCEDURE, CREATE_EXTENSION,
                 CREATE_SCHEMA, CREATE_SEQUENCE, CREATE_TYPE, CREATE_DOMAIN -> ObjectParser.createNamed(info, c);
            case CREATE_TRIGGER, CREATE_POLICY -> ObjectParser.createOn(info, c);
            case CREATE_ROLE, CREATE_DATABASE, CREATE_OTHER -> ObjectParser.createOther(info, c);
            case ALTER_OTHER -> MaintenanceParser.alterSystem(info, c);
            case OTHER -> MaintenanceParser.prepareTransaction(info, c);
            default -> null;
        };
    }
}
