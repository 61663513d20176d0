package dev.sluice.adopt;

import dev.sluice.migration.Version;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code sluice adopt} is asked to do.
 *
 * @param from     the tool; empty to detect it from the history tables present and the files' layout
 * @param dryRun   only say what would be recorded
 * @param baseline for numbered SQL files without a tracking table: the version of the last file already
 *                 applied, recorded as a baseline
 * @param table    for numbered SQL files: the project's own tracking table ({@code schema.table} or
 *                 {@code table}) when it is not {@code schema_migrations}
 */
public record AdoptRequest(Optional<AdoptSource> from, boolean dryRun, Optional<Version> baseline, Optional<String> table) {

    public AdoptRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(table, "table");
    }

    /** Adopt from {@code from}, nothing else given. */
    public static AdoptRequest from(AdoptSource from, boolean dryRun) {
        return new AdoptRequest(Optional.of(from), dryRun, Optional.empty(), Optional.empty());
    }
}
