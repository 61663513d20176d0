package dev.sluice.history.internal;

import dev.sluice.history.MigrationState;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;

import java.util.Optional;

/** What is written when a migration starts or finishes; the table fills in rank and times. */
public record HistoryRow(Optional<Version> version, String description, MigrationType type, String script,
                         Optional<String> checksum, String installedBy, MigrationState state,
                         Optional<Long> executionMs, Optional<String> fingerprint) {
}
