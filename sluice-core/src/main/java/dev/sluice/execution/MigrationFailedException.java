package dev.sluice.execution;

import java.util.Optional;

/**
 * A migration failed while running. The message says which file and line, what the server said, and
 * what state the database is left in: rolled back (a transactional migration) or which statements ran
 * (one in autocommit).
 */
public final class MigrationFailedException extends RuntimeException {
    private final String script;
    private final int line;
    private final Optional<String> sqlState;
    private final boolean rolledBack;

    public MigrationFailedException(String message, String script, int line, Optional<String> sqlState,
                                    boolean rolledBack, Throwable cause) {
        super(message, cause);
        this.script = script;
        this.line = line;
        this.sqlState = sqlState;
        this.rolledBack = rolledBack;
    }

    public String script() {
        return script;
    }

    /** 1-based line in the script, or 0 when the failure is not tied to a line (a Java migration). */
    public int line() {
        return line;
    }

    public Optional<String> sqlState() {
        return sqlState;
    }

    /** True when nothing of the migration remains in the database. */
    public boolean rolledBack() {
        return rolledBack;
    }
}
