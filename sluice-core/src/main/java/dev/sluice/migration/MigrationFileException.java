package dev.sluice.migration;

/**
 * A migration file that Sluice will not run as it stands: a bad directive, a statement it cannot split,
 * an unreadable file. The message names the file and line and says what to change.
 */
public final class MigrationFileException extends RuntimeException {
    private final String file;
    private final int line;

    public MigrationFileException(String file, int line, String problem) {
        super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public MigrationFileException(String file, int line, String problem, Throwable cause) {
        this(file, line, problem);
        initCause(cause);
    }

    public String file() {
        return file;
    }

    /** 1-based, or 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
