package dev.sluice.sql;

/** What a {@link Token} is. */
public enum TokenKind {
    /** An unquoted identifier or keyword; PostgreSQL folds it to lower case. */
    WORD,
    /** A double-quoted identifier, {@code "Name"} or {@code U&"d\0061t"}. */
    QUOTED_IDENTIFIER,
    /** A string constant: {@code 'x'}, {@code E'x'}, {@code U&'x'}, {@code B'01'}, {@code X'ff'}, {@code N'x'}. */
    STRING,
    /** A dollar-quoted string, {@code $$x$$} or {@code $tag$x$tag$}. */
    DOLLAR_STRING,
    /** A numeric constant. */
    NUMBER,
    /** A positional parameter, {@code $1}. */
    PARAMETER,
    /** Operator characters, one token per character run without comment starts. */
    OPERATOR,
    /** One of {@code ( ) [ ] , ; . :}. */
    PUNCTUATION,
    /** {@code -- ...} up to the end of the line. */
    LINE_COMMENT,
    /** {@code /* ... *}{@code /}, nested as PostgreSQL nests them. */
    BLOCK_COMMENT,
    /** A backslash outside any string: the start of a psql meta-command, which is not SQL. */
    BACKSLASH
}
