package dev.sluice.online.internal;

import dev.sluice.db.Identifiers;
import dev.sluice.migration.MigrationFileException;
import dev.sluice.online.Operation;
import dev.sluice.sql.AlterTableAction;
import dev.sluice.sql.ConstraintDefinition;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.SqlParseException;
import dev.sluice.sql.SqlScript;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.Token;
import dev.sluice.sql.TokenKind;
import dev.sluice.sql.internal.StatementParser;
import dev.sluice.sql.internal.StatementSplitter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a {@code .sql} migration with the header {@code -- sluice:online}: each statement, as the one
 * statement model ({@link StatementParser}) reads it, becomes the operation that does it safely, and the
 * file then runs as start, complete and rollback like a YAML one. A statement that maps to no operation is
 * refused with file and line: running it plainly inside an online change would break one of the versions.
 * Which files carry the header is decided where migrations are resolved
 * ({@code MigrationResolver.hasOnlineHeader}).
 */
public final class OnlineSqlReader {

    static final String MAPPED = "ALTER TABLE ... RENAME COLUMN a TO b | RENAME TO t | ALTER COLUMN c SET NOT NULL | ADD COLUMN"
            + " | DROP COLUMN | ADD CONSTRAINT name CHECK (...) | ADD CONSTRAINT name UNIQUE (...), one action each;"
            + " CREATE [UNIQUE] INDEX CONCURRENTLY name ON t [USING m] (...) [WHERE ...]";

    private OnlineSqlReader() {
    }

    /** The operations of the file, in order. */
    public static List<Operation> read(String path, String text) {
        SqlScript script;
        try {
            script = StatementSplitter.split(text, path);
        } catch (SqlParseException e) {
            throw new MigrationFileException(path, 0, e.getMessage(), e);
        }
        List<Operation> operations = new ArrayList<>();
        for (SqlStatement s : script.statements()) {
            try {
                operations.add(map(StatementParser.parse(s)).orElseThrow(() -> refused(path, s, null)));
            } catch (IllegalArgumentException e) {
                throw refused(path, s, e.getMessage());
            }
        }
        if (operations.isEmpty()) {
            throw new MigrationFileException(path, 0, "an online SQL file needs at least one statement");
        }
        return operations;
    }

    private static MigrationFileException refused(String path, SqlStatement s, String why) {
        return new MigrationFileException(path, s.line(), "'" + s.summary(60) + "' maps to no online operation"
                + (why == null ? "" : " (" + why + ")") + "; an online SQL file takes " + MAPPED
                + ". Write anything else as an operation in a V<version>__<description>.yaml file (docs/online.md)"
                + " or as a migration of its own");
    }

    private static Optional<Operation> map(PgStatement p) {
        if (p instanceof PgStatement.AlterTable a && a.actions().size() == 1 && !a.ifExists()) {
            String table = a.name().toString();
            AlterTableAction x = a.actions().get(0);
            switch (x.type()) {
                case RENAME_COLUMN:
                    return Optional.of(new Operation.RenameColumn(table, x.column().orElseThrow(), x.name().orElseThrow()));
                case RENAME_TABLE:
                    return Optional.of(new Operation.RenameTable(table, x.name().orElseThrow()));
                case SET_NOT_NULL:
                    return Optional.of(new Operation.SetNotNull(table, x.column().orElseThrow(),
                            Identifiers.quote(x.column().orElseThrow()), null));
                case DROP_COLUMN:
                    return Optional.of(new Operation.DropColumn(table, x.column().orElseThrow(), null));
                case ADD_COLUMN:
                    return x.newColumn().map(c -> new Operation.AddColumn(table, c.name(), c.type().text(),
                            c.defaultValue().orElse(null), null, c.notNull()));
                case ADD_CONSTRAINT:
                    return x.constraint().flatMap(k -> constraint(table, k));
                default:
                    return Optional.empty();
            }
        }
        if (p instanceof PgStatement.CreateIndex i && i.concurrently() && i.name().isPresent() && !i.only()) {
            return index(i);
        }
        return Optional.empty();
    }

    private static Optional<Operation> constraint(String table, ConstraintDefinition k) {
        if (k.name().isEmpty() || k.notValid() || k.usingIndex()) {
            return Optional.empty();
        }
        if (k.type() == ConstraintDefinition.Type.CHECK) {
            return Optional.of(new Operation.AddCheck(table, k.name().get(), k.expression()));
        }
        if (k.type() == ConstraintDefinition.Type.UNIQUE) {
            return Optional.of(new Operation.AddUnique(table, k.name().get(), k.columns()));
        }
        return Optional.empty();
    }

    /**
     * {@code CREATE [UNIQUE] INDEX CONCURRENTLY name ON table [USING method] (elements) [WHERE predicate]}: the
     * model names the index and table; the elements and predicate are the statement's own tokens after them.
     */
    private static Optional<Operation> index(PgStatement.CreateIndex i) {
        List<Token> tokens = i.info().tokens().stream()
                .filter(t -> t.kind() != TokenKind.LINE_COMMENT && t.kind() != TokenKind.BLOCK_COMMENT)
                .toList();
        int on = -1;
        for (int k = 0; k < tokens.size(); k++) {
            if (tokens.get(k).kind() == TokenKind.WORD && tokens.get(k).text().equalsIgnoreCase("on")) {
                on = k;
                break;
            }
        }
        int open = -1;
        String method = null;
        for (int k = on + 1; on >= 0 && k < tokens.size(); k++) {
            if (tokens.get(k).text().equals("(")) {
                open = k;
                break;
            }
            if (tokens.get(k).text().equalsIgnoreCase("using") && k + 1 < tokens.size()) {
                method = tokens.get(k + 1).text();
            }
        }
        if (open < 0) {
            return Optional.empty();
        }
        int depth = 0;
        int close = -1;
        for (int k = open; k < tokens.size(); k++) {
            String t = tokens.get(k).text();
            depth += t.equals("(") ? 1 : t.equals(")") ? -1 : 0;
            if (depth == 0) {
                close = k;
                break;
            }
        }
        if (close < 0) {
            return Optional.empty();
        }
        String elements = join(tokens.subList(open + 1, close));
        String where = null;
        List<Token> rest = tokens.subList(close + 1, tokens.size()).stream().filter(t -> !t.text().equals(";")).toList();
        if (!rest.isEmpty()) {
            if (!rest.get(0).text().equalsIgnoreCase("where")) {
                return Optional.empty();
            }
            where = join(rest.subList(1, rest.size()));
        }
        return Optional.of(new Operation.CreateIndex(i.table().toString(), i.name().get(), List.of(elements), i.unique(), method, where));
    }

    private static String join(List<Token> tokens) {
        return tokens.stream().map(Token::text).collect(Collectors.joining(" "));
    }
}
