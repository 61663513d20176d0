package dev.sluice.sql;

import java.util.Objects;
import java.util.Optional;

/**
 * One SQL statement cut out of a script, with where it stood, so that every error and finding can
 * name the file and line a person has to open.
 *
 * @param sql        the statement's text as written, without the terminating semicolon; comments
 *                   inside it are kept, leading comments are not
 * @param line       1-based line of the statement's first token in the script
 * @param column     1-based column of that token
 * @param endLine    1-based line of the statement's last character
 * @param copyData   for {@code COPY ... FROM stdin}: the data lines up to (not including) the {@code \.}
 *                   terminator, each ending in a newline; empty otherwise
 */
public record SqlStatement(String sql, int line, int column, int endLine, Optional<String> copyData) {

    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(copyData, "copyData");
        if (line < 1 || column < 1 || endLine < line) {
            throw new IllegalArgumentException("bad position " + line + ":" + column + "-" + endLine);
        }
    }

    public SqlStatement(String sql, int line, int column, int endLine) {
        this(sql, line, column, endLine, Optional.empty());
    }

    /** The first line of the statement, cut to {@code max} characters, for logs and progress output. */
    public String summary(int max) {
        String first = sql.strip().lines().findFirst().orElse("");
        return first.length() <= max ? first : first.substring(0, Math.max(0, max - 1)) + "…";
    }
}
