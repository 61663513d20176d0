package dev.sluice.sql;

import java.util.Locale;

/**
 * One lexical token of a PostgreSQL script, with where it stands.
 *
 * @param kind    what it is
 * @param text    its exact text, quotes and comment markers included
 * @param line    1-based line of its first character
 * @param column  1-based column of its first character
 * @param endLine 1-based line of its last character
 * @param start   offset of its first character in the lexed text
 * @param end     offset just after its last character
 */
public record Token(TokenKind kind, String text, int line, int column, int endLine, int start, int end) {

    /** Whether this is a word equal to {@code keyword}, ignoring case. */
    public boolean isWord(String keyword) {
        return kind == TokenKind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** Whether this is the punctuation or operator {@code symbol}. */
    public boolean is(String symbol) {
        return (kind == TokenKind.PUNCTUATION || kind == TokenKind.OPERATOR) && text.equals(symbol);
    }

    /** Comments carry no meaning for the parser. */
    public boolean isComment() {
        return kind == TokenKind.LINE_COMMENT || kind == TokenKind.BLOCK_COMMENT;
    }

    /** A word in upper case, for keyword comparisons; other tokens as written. */
    public String upper() {
        return kind == TokenKind.WORD ? text.toUpperCase(Locale.ROOT) : text;
    }
}
