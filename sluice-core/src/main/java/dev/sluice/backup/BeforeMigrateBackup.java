package dev.sluice.backup;

import java.util.Optional;

/**
 * What the backup before a migrate took: nothing when nothing was pending; else a full backup, copies of
 * the tables the pending migrations drop or rewrite when there are any, and what retention removed.
 */
public record BeforeMigrateBackup(Optional<BackupManifest> full, Optional<BackupManifest> tables, Retention retention) {

    /** Nothing pending: no backup was taken. */
    public static BeforeMigrateBackup skipped() {
        return new BeforeMigrateBackup(Optional.empty(), Optional.empty(), new Retention(java.util.List.of(), java.util.List.of()));
    }

    public boolean isSkipped() {
        return full.isEmpty();
    }
}
