package dev.sluice.sql.internal;

import dev.sluice.sql.TokenKind;
import dev.sluice.sql.Token;
import dev.sluice.sql.SqlScript;
import dev.sluice.sql.SqlParseException;
import dev.sluice.sql.SluiceDirective;
import dev.sluice.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a script into statements at top-level semicolons, the way psql would, so that a file that runs
 * in psql runs the same through Sluice.
 *
 * <p>A semicolon does not end a statement inside a string, quoted identifier, dollar quote or comment,
 * inside parentheses (a {@code CREATE RULE} action list), or inside a {@code BEGIN ATOMIC ... END}
 * function body. {@code COPY ... FROM stdin} takes the lines after it up to {@code \.} as its data.
 * A psql meta-command ({@code \i}, {@code \set}...) is refused, since JDBC cannot run it.
 */
public final class StatementSplitter {

    private static final Pattern DIRECTIVE = Pattern.compile("--\\s*sluice:([A-Za-z][A-Za-z0-9_-]*)\\s*(.*)");

    private StatementSplitter() {
    }

    /**
     * Splits {@code text}.
     *
     * @param sourceName what messages call the script
     * @throws SqlParseException naming the line of an unterminated construct or a meta-command
     */
    public static SqlScript split(String text, String sourceName) {
        String normalized = SqlLexer.normalize(text);
        SqlLexer lexer = new SqlLexer(normalized, sourceName);
        List<SqlStatement> statements = new ArrayList<>();
        List<SluiceDirective> directives = new ArrayList<>();
        StatementState state = new StatementState();
        Token token;
        while ((token = lexer.next()) != null) {
            if (token.kind() == TokenKind.LINE_COMMENT) {
                directive(token).ifPresent(directives::add);
            }
            if (token.kind() == TokenKind.BACKSLASH) {
                throw new SqlParseException(sourceName, token.line(), "psql meta-command " + token.text()
                        + " is not SQL; Sluice runs statements through JDBC. Replace it with SQL, or split the file");
            }
            if (token.isComment()) {
                continue;
            }
            if (token.is(";") && state.canEnd()) {
                if (state.first != null) {
                    statements.add(finish(state, normalized, lexer, sourceName));
                }
                state = new StatementState();
                continue;
            }
            state.add(token);
        }
        if (state.first != null) {
            statements.add(finish(state, normalized, lexer, sourceName));
        }
        return new SqlScript(sourceName, statements, directives);
    }

    private static SqlStatement finish(StatementState state, String text, SqlLexer lexer, String sourceName) {
        String sql = text.substring(state.first.start(), state.last.end());
        if (!state.isCopyFromStdin()) {
            return new SqlStatement(sql, state.first.line(), state.first.column(), state.last.endLine());
        }
        // The data starts on the line after the statement's semicolon and ends at a line that is just "\.".
        int lineEnd = text.indexOf('\n', lexer.position());
        if (lineEnd < 0) {
            throw new SqlParseException(sourceName, state.first.line(), "COPY ... FROM stdin has no data lines and no \\. "
                    + "terminator; add the data and a line with \\. after it");
        }
        int dataStart = lineEnd + 1;
        int dataLine = lexer.line() + 1;
        int at = dataStart;
        int lineNo = dataLine;
        while (at <= text.length()) {
            int end = text.indexOf('\n', at);
            String line = text.substring(at, end < 0 ? text.length() : end);
            if (line.equals("\\.")) {
                String data = text.substring(dataStart, at);
                lexer.resetTo(end < 0 ? text.length() : end + 1, lineNo + 1);
                return new SqlStatement(sql, state.first.line(), state.first.column(), state.last.endLine(), Optional.of(data));
            }
            if (end < 0) {
                break;
            }
            at = end + 1;
            lineNo++;
        }
        throw new SqlParseException(sourceName, state.first.line(), "COPY ... FROM stdin data is not ended by a line "
                + "containing only \\.; add that line after the last data row");
    }

    private static Optional<SluiceDirective> directive(Token comment) {
        Matcher m = DIRECTIVE.matcher(comment.text());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SluiceDirective(comment.line(), m.group(1).toLowerCase(Locale.ROOT), m.group(2).strip()));
    }

    /** What the splitter tracks of the statement being read. */
    private static final class StatementState {
        Token first;
        Token last;
        int parenDepth;
        boolean routine;
        boolean atomic;
        int atomicNesting;
        boolean copyFromStdin;

        void add(Token t) {
            if (first == null) {
                first = t;
            }
            if (t.is("(") || t.is("[")) {
                parenDepth++;
            } else if ((t.is(")") || t.is("]")) && parenDepth > 0) {
                parenDepth--;
            } else if (t.kind() == TokenKind.WORD) {
                trackAtomic(t);
                if (t.isWord("STDIN") && last != null && last.isWord("FROM") && first.isWord("COPY") && parenDepth == 0) {
                    copyFromStdin = true;
                }
            }
            last = t;
        }

        private void trackAtomic(Token t) {
            if (t.isWord("FUNCTION") || t.isWord("PROCEDURE")) {
                routine = true;
            }
            if (!atomic) {
                if (routine && t.isWord("ATOMIC") && last != null && last.isWord("BEGIN")) {
                    atomic = true;
                    atomicNesting = 0;
                }
                return;
            }
            if (t.isWord("CASE")) {
                atomicNesting++;
            } else if (t.isWord("END")) {
                if (atomicNesting > 0) {
                    atomicNesting--;
                } else {
                    atomic = false;
                }
            }
        }

        boolean canEnd() {
            return parenDepth == 0 && !atomic;
        }

        boolean isCopyFromStdin() {
            return copyFromStdin;
        }
    }
}
