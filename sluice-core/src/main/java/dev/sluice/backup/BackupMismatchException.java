package dev.sluice.backup;

import java.util.List;

/**
 * A backup does not match its manifest: the file's checksum differs, or a database restored from it has
 * another schema or other row counts than the manifest recorded.
 */
public final class BackupMismatchException extends BackupException {

    private final List<String> differences;

    public BackupMismatchException(String subject, List<String> differences) {
        super(subject + ":\n  " + String.join("\n  ", differences));
        this.differences = List.copyOf(differences);
    }

    public List<String> differences() {
        return differences;
    }
}
