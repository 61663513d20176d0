package dev.sluice.execution.internal;

import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.Token;
import dev.sluice.sql.internal.StatementParser;

import java.util.List;
import java.util.Set;

/**
 * Which statements can travel in a JDBC batch: those that certainly return no rows. A batch that meets a
 * statement returning rows fails after running it, so the test is conservative: a leading keyword known
 * to produce only a command tag, and no {@code RETURNING} outside strings and comments. Anything else (a
 * {@code SELECT}, {@code WITH}, {@code CALL}, {@code COPY}, {@code EXPLAIN}) runs on its own.
 */
final class RowlessStatements {

    private static final Set<String> ROWLESS_LEADS = Set.of("CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE",
            "INSERT", "UPDATE", "DELETE", "TRUNCATE", "DO", "SET", "RESET", "LOCK");

    private RowlessStatements() {
    }

    /** Whether the statement is an anonymous code block, which may do and lock anything. */
    static boolean isDoBlock(SqlStatement statement) {
        List<Token> tokens = StatementParser.parse(statement).info().tokens();
        return !tokens.isEmpty() && tokens.get(0).isWord("DO");
    }

    static boolean isRowless(SqlStatement statement) {
        if (statement.copyData().isPresent()) {
            return false;
        }
        List<Token> tokens = StatementParser.parse(statement).info().tokens();
        if (tokens.isEmpty() || !ROWLESS_LEADS.contains(tokens.get(0).upper())) {
            return false;
        }
        for (Token t : tokens) {
            if (t.isWord("RETURNING")) {
                return false;
            }
        }
        return true;
    }
}
