package dev.sluice.execution;

/**
 * A session kept a lock on a table the migration needs for longer than {@code --max-blocker-age}
 * allows, until the retry deadline passed. The migration did not start.
 */
public final class MigrationBlockedException extends RuntimeException {
    public MigrationBlockedException(String message) {
        super(message);
    }
}
