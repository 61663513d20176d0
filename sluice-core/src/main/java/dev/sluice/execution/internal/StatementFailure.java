package dev.sluice.execution.internal;

import dev.sluice.sql.SqlStatement;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A statement that failed, with the line inside its script where the server put the error, so a
 * message can send the reader to the exact line rather than the statement's first one.
 */
record StatementFailure(SqlStatement statement, int line, Optional<String> sqlState, String serverMessage,
                        Exception cause) {

    static StatementFailure of(SqlStatement statement, Exception e) {
        int line = statement.line();
        Optional<String> state = Optional.empty();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SQLException sql) {
            state = Optional.ofNullable(sql.getSQLState());
            if (sql instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
                var server = p.getServerErrorMessage();
                message = server.getSeverity() + ": " + server.getMessage()
                        + (server.getDetail() == null ? "" : " (" + server.getDetail() + ")")
                        + (server.getHint() == null ? "" : " Hint: " + server.getHint());
                int position = server.getPosition();
                if (position > 0 && position <= statement.sql().length() + 1) {
                    line = statement.line() + (int) statement.sql().substring(0, position - 1).chars().filter(c -> c == '\n').count();
                }
            }
        }
        return new StatementFailure(statement, line, state, message, e);
    }

    /**
     * An error of a group of statements sent together, whose failing member the driver does not name: the
     * first statement's line, and the lines the group spans in the message.
     */
    static StatementFailure ofGroup(List<SqlStatement> group, Exception e) {
        StatementFailure first = of(group.get(0), e);
        SqlStatement last = group.get(group.size() - 1);
        if (group.size() == 1) {
            return first;
        }
        return new StatementFailure(first.statement(), group.get(0).line(), first.sqlState(),
                first.serverMessage() + " (in one of the statements on lines " + group.get(0).line() + "-" + last.endLine()
                        + ", sent together; the next attempt sends them one by one)", e);
    }

    String describe() {
        return serverMessage + sqlState.map(s -> " [SQLSTATE " + s + "]").orElse("");
    }
}
