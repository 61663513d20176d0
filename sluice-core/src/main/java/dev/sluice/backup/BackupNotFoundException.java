package dev.sluice.backup;

/** The id given names no backup in the folder (or {@code latest} found no full one); nothing was done. */
public final class BackupNotFoundException extends BackupException {

    public BackupNotFoundException(String message) {
        super(message);
    }
}
