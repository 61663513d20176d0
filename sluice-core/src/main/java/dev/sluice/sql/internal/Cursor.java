package dev.sluice.sql.internal;

import dev.sluice.sql.TokenKind;
import dev.sluice.sql.Token;
import dev.sluice.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A position in a token list, with the small vocabulary the statement parsers ({@link StatementParser} and the
 * family parsers it hands statements to) are written in. Its methods throw on what they cannot read; the
 * parser turns that into an opaque statement.
 */
final class Cursor {
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

    /** Whether the words stand next to each other anywhere in this cursor's tokens; does not move. */
    boolean contains(String... words) {
        for (int from = 0; from + words.length <= tokens.size(); from++) {
            int k = 0;
            while (k < words.length && tokens.get(from + k).isWord(words[k])) {
                k++;
            }
            if (k == words.length) {
                return true;
            }
        }
        return false;
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

    /** A quoted identifier's name: quotes removed, doubled quotes made single; the {@code U&} of a Unicode name dropped. */
    static String unquote(String quoted) {
        String s = quoted.startsWith("U&") || quoted.startsWith("u&") ? quoted.substring(2) : quoted;
        return s.substring(1, s.length() - 1).replace("\"\"", "\"");
    }
}
