package dev.sluice.sql;

/**
 * A script that cannot be split safely: an unterminated string, comment or dollar quote, or a psql
 * meta-command. The message names the source, the line and what to do.
 */
public final class SqlParseException extends RuntimeException {
    private final String sourceName;
    private final int line;

    public SqlParseException(String sourceName, int line, String problem) {
        super(sourceName + ":" + line + ": " + problem);
        this.sourceName = sourceName;
        this.line = line;
    }

    public String sourceName() {
        return sourceName;
    }

    public int line() {
        return line;
    }
}
