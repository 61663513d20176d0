package dev.sluice.backup;

/** A backup, verification or restore could not be done; the message says why and what to do. */
public class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
