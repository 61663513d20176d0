package dev.sluice.migration;

/** A validation of an up or a down did not hold; the migration's transaction is rolled back. */
public final class MigrationValidationException extends RuntimeException {
    public MigrationValidationException(String message) {
        super(message);
    }
}
