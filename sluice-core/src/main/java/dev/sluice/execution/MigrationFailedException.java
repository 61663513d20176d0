package dev.sluice.execution;

import dev.sluice.db.Blocker;

import java.util.List;
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
    private final List<Blocker> blockers;

    public MigrationFailedException(String message, String script, int line, Optional<String> sqlState,
                                    boolean rolledBack, Throwable cause) {
        this(message, script, line, sqlState, rolledBack, cause, List.of());
    }

    public MigrationFailedException(String message, String script, int line, Optional<String> sqlState,
                                    boolean rolledBack, Throwable cause, List<Blocker> blockers) {
        super(message, cause);
        this.script = script;
        this.line = line;
        this.sqlState = sqlState;
        this.rolledBack = rolledBack;
        this.blockers = List.copyOf(blockers);
    }

    /** The sessions seen blocking the statement while it waited for its lock; empty when none was seen. */
    public List<Blocker> blockers() {
        return blockers;
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
