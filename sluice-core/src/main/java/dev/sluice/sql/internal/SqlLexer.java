package dev.sluice.sql.internal;

import dev.sluice.sql.TokenKind;
import dev.sluice.sql.Token;
import dev.sluice.sql.SqlParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A single-pass tokenizer for PostgreSQL's lexical rules: strings in all their forms, quoted identifiers,
 * dollar quoting, nested block comments, numbers, parameters and operators. Whitespace is skipped.
 *
 * <p>It never interprets a statement; the splitter and the parser build on its tokens. It throws only
 * for what PostgreSQL would also reject outright (an unterminated string, identifier, dollar quote or
 * comment), naming the line where the construct began.
 *
 * <p>Hazard: the text must already have its line endings normalized to {@code \n} (see
 * {@link #normalize}); line numbers count {@code \n} only.
 */
public final class SqlLexer {

    private final String text;
    private final String sourceName;
    private int pos;
    private int line = 1;
    private int lineStart;

    public SqlLexer(String normalizedText, String sourceName) {
        this.text = normalizedText;
        this.sourceName = sourceName;
    }

    /** The statement's tokens without its comments; throws {@link SqlParseException} where the lexer does. */
    public static List<Token> significantTokens(String sql) {
        SqlLexer lexer = new SqlLexer(sql, "statement");
        List<Token> tokens = new ArrayList<>();
        Token tok;
        while ((tok = lexer.next()) != null) {
            if (!tok.isComment()) {
                tokens.add(tok);
            }
        }
        return tokens;
    }

    /**
     * The name a token stands for when it is a plain identifier: a word folded to lower case, a
     * double-quoted identifier without its quotes (doubled quotes made single). Empty for any other token,
     * a {@code U&"..."} name included, whose escapes are not decoded here.
     */
    public static Optional<String> identifierName(Token t) {
        if (t.kind() == TokenKind.WORD) {
            return Optional.of(t.text().toLowerCase(Locale.ROOT));
        }
        if (t.kind() == TokenKind.QUOTED_IDENTIFIER && t.text().startsWith("\"")) {
            return Optional.of(t.text().substring(1, t.text().length() - 1).replace("\"\"", "\""));
        }
        return Optional.empty();
    }

    /**
     * Every name {@code sql} mentions, as {@link #identifierName} reads it: keywords and function names
     * included, so a caller that looks up its own names in it never misses one. Empty when a name cannot
     * be read: the text holds a {@code U&"..."} name, or does not lex.
     */
    public static Optional<Set<String>> identifierNames(String sql) {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (Token t : significantTokens(sql)) {
                if (t.kind() == TokenKind.QUOTED_IDENTIFIER && !t.text().startsWith("\"")) {
                    return Optional.empty();
                }
                identifierName(t).ifPresent(names::add);
            }
        } catch (SqlParseException e) {
            return Optional.empty();
        }
        return Optional.of(names);
    }

    /** Removes a byte-order mark and turns CRLF and CR line endings into LF. */
    public static String normalize(String raw) {
        String s = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    public String text() {
        return text;
    }

    public int position() {
        return pos;
    }

    public int line() {
        return line;
    }

    /** Moves to {@code offset}, which must be the start of a line, numbered {@code lineNumber}. */
    public void resetTo(int offset, int lineNumber) {
        this.pos = offset;
        this.line = lineNumber;
        this.lineStart = offset;
    }

    /** The next token, or {@code null} at the end of the text. */
    public Token next() {
        skipWhitespace();
        if (pos >= text.length()) {
            return null;
        }
        int start = pos;
        int startLine = line;
        int column = pos - lineStart + 1;
        char c = text.charAt(pos);
        char n = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
        TokenKind kind;
        if (c == '-' && n == '-') {
            while (pos < text.length() && text.charAt(pos) != '\n') {
                pos++;
            }
            kind = TokenKind.LINE_COMMENT;
        } else if (c == '/' && n == '*') {
            blockComment(startLine);
            kind = TokenKind.BLOCK_COMMENT;
        } else if (c == '\'') {
            quoted('\'', false, startLine, "string");
            kind = TokenKind.STRING;
        } else if ((c == 'e' || c == 'E') && n == '\'') {
            pos++;
            quoted('\'', true, startLine, "string");
            kind = TokenKind.STRING;
        } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') && n == '\'') {
            pos++;
            quoted('\'', false, startLine, "string");
            kind = TokenKind.STRING;
        } else if ((c == 'u' || c == 'U') && n == '&' && pos + 2 < text.length()
                && (text.charAt(pos + 2) == '\'' || text.charAt(pos + 2) == '"')) {
            char q = text.charAt(pos + 2);
            pos += 2;
            quoted(q, false, startLine, q == '"' ? "quoted identifier" : "string");
            kind = q == '"' ? TokenKind.QUOTED_IDENTIFIER : TokenKind.STRING;
        } else if (c == '"') {
            quoted('"', false, startLine, "quoted identifier");
            kind = TokenKind.QUOTED_IDENTIFIER;
        } else if (c == '$' && Character.isDigit(n)) {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            kind = TokenKind.PARAMETER;
        } else if (c == '$' && dollarTagEnd(pos) > 0) {
            dollarString(startLine);
            kind = TokenKind.DOLLAR_STRING;
        } else if (isIdentifierStart(c)) {
            pos++;
            while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
                pos++;
            }
            kind = TokenKind.WORD;
        } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(n))) {
            number();
            kind = TokenKind.NUMBER;
        } else if ("()[],;.:".indexOf(c) >= 0) {
            pos++;
            if (c == ':' && pos < text.length() && text.charAt(pos) == ':') {
                pos++;
                kind = TokenKind.OPERATOR;
            } else {
                kind = TokenKind.PUNCTUATION;
            }
        } else if (c == '\\') {
            pos++;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            kind = TokenKind.BACKSLASH;
        } else if ("+-*/<>=~!@#%^&|`?".indexOf(c) >= 0) {
            pos++;
            while (pos < text.length() && "+-*/<>=~!@#%^&|`?".indexOf(text.charAt(pos)) >= 0
                    && !text.startsWith("--", pos) && !text.startsWith("/*", pos)) {
                pos++;
            }
            kind = TokenKind.OPERATOR;
        } else {
            pos++;
            kind = TokenKind.OPERATOR;
        }
        return new Token(kind, text.substring(start, pos), startLine, column, line, start, pos);
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                newline();
            } else if (!Character.isWhitespace(c)) {
                return;
            }
            pos++;
        }
    }

    /** Call with {@code pos} on a '\n' that is being consumed. */
    private void newline() {
        line++;
        lineStart = pos + 1;
    }

    private void blockComment(int startLine) {
        int depth = 0;
        while (pos < text.length()) {
            if (text.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (text.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (text.charAt(pos) == '\n') {
                    newline();
                }
                pos++;
            }
        }
        throw new SqlParseException(sourceName, startLine, "unterminated /* comment; close it with */");
    }

    /** Consumes a quoted construct starting at {@code pos} (the opening quote); doubled quotes escape. */
    private void quoted(char quote, boolean backslashEscapes, int startLine, String what) {
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (backslashEscapes && c == '\\' && pos + 1 < text.length()) {
                pos++;
                if (text.charAt(pos) == '\n') {
                    newline();
                }
                pos++;
                continue;
            }
            if (c == quote) {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
                    pos += 2;
                    continue;
                }
                pos++;
                return;
            }
            if (c == '\n') {
                newline();
            }
            pos++;
        }
        throw new SqlParseException(sourceName, startLine, "unterminated " + what + " (opened with " + quote
                + "); close it, or check for a stray quote on that line");
    }

    /** If a dollar-quote tag starts at {@code at}, the offset after its closing '$'; else -1. */
    private int dollarTagEnd(int at) {
        int i = at + 1;
        if (i < text.length() && text.charAt(i) == '$') {
            return i + 1;
        }
        if (i >= text.length() || !isIdentifierStart(text.charAt(i))) {
            return -1;
        }
        while (i < text.length() && (isIdentifierPart(text.charAt(i)) && text.charAt(i) != '$')) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '$' ? i + 1 : -1;
    }

    private void dollarString(int startLine) {
        int tagEnd = dollarTagEnd(pos);
        String tag = text.substring(pos, tagEnd);
        int close = text.indexOf(tag, tagEnd);
        if (close < 0) {
            throw new SqlParseException(sourceName, startLine, "unterminated dollar-quoted string " + tag
                    + "; close it with " + tag);
        }
        for (int i = pos; i < close; i++) {
            if (text.charAt(i) == '\n') {
                int saved = pos;
                pos = i;
                newline();
                pos = saved;
            }
        }
        pos = close + tag.length();
    }

    private void number() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                if (c == '.' && pos + 1 < text.length() && text.charAt(pos + 1) == '.') {
                    return;
                }
                pos++;
            } else if ((c == '+' || c == '-') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')
                    && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
                pos++;
            } else {
                return;
            }
        }
    }

    static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c) || c == '$';
    }
}
