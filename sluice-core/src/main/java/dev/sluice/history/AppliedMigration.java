package dev.sluice.history;

import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of the history table.
 *
 * @param rank         order of execution, 1-based, never reused
 * @param version      empty for repeatable migrations
 * @param checksum     empty for a baseline and for Java migrations without one
 * @param finishedAt   empty while RUNNING
 * @param executionMs  empty while RUNNING
 * @param fingerprint  the schema's fingerprint after the migration, where it was taken
 * @param statementsDone for a migration run statement by statement (autocommit), how many of its statements had
 *                     taken effect; each count commits together with the statement it counts
 */
public record AppliedMigration(int rank, Optional<Version> version, String description, MigrationType type,
                               String script, Optional<String> checksum, String installedBy, Instant startedAt,
                               Optional<Instant> finishedAt, Optional<Long> executionMs, MigrationState state,
                               Optional<String> fingerprint, Optional<Integer> statementsDone) {

    public boolean isVersioned() {
        return version.isPresent() && type != MigrationType.UNDO;
    }
}
