package dev.sluice.db;

/**
 * Another runner holds the migration lock on this database and did not let go within the allowed wait.
 * Nothing was changed. The message names the holder as far as the server knows it.
 */
public final class LockBusyException extends RuntimeException {
    public LockBusyException(String message) {
        super(message);
    }
}
