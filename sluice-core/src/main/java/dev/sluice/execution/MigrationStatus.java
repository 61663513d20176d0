package dev.sluice.execution;

import dev.sluice.history.AppliedMigration;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;

import java.util.Optional;

/**
 * One line of {@code sluice status}: a migration from the project, a row from the history, or both.
 *
 * @param version     empty for a repeatable migration
 * @param description from the file or, where the file is gone, from the history
 * @param type        the migration's type
 * @param state       where it stands
 * @param migration   the project's file or class, when it has one
 * @param lastRow     the newest history row that decides the state, when there is one
 */
public record MigrationStatus(Optional<Version> version, String description, MigrationType type, VersionState state,
                              Optional<Migration> migration, Optional<AppliedMigration> lastRow) {

    /**
     * The history row of the run that put the migration where it stands, for its time and duration;
     * empty for a pending one, whose newest row (a rolled-back run, say) says when it was undone, not
     * when it was applied.
     */
    public Optional<AppliedMigration> run() {
        return state == VersionState.PENDING ? Optional.empty() : lastRow;
    }

    /** Whether the file's checksum differs from the one recorded when it was applied. */
    public boolean checksumChanged() {
        if (migration.isEmpty() || lastRow.isEmpty() || migration.get().isRepeatable()) {
            return false;
        }
        Optional<String> local = migration.get().checksum();
        Optional<String> recorded = lastRow.get().checksum();
        return local.isPresent() && recorded.isPresent() && !local.get().equals(recorded.get());
    }
}
