package dev.sluice.lint;

import dev.sluice.migration.Version;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the lint runs for a project.
 *
 * @param pgVersion  the oldest PostgreSQL major the migrations must be safe on (default 14); some
 *                   verdicts depend on it
 * @param disabled   rule ids that do not run at all
 * @param severities rule ids whose severity the project changes
 * @param beforeMigrate whether {@code migrate} and {@code rollback} lint the steps they are about to run
 *                   and refuse to start on an error-level finding
 * @param startAfter versioned files at or before this version are read for the schema they build but not
 *                   judged: a project adopted mid-life does not have its history re-judged
 * @param smallTableBytes the migrate gate lets a finding whose cost grows with the table pass when the
 *                   database shows the table smaller than this (default 10 MiB)
 */
public record LintSettings(int pgVersion, Set<String> disabled, Map<String, Severity> severities, boolean beforeMigrate,
                           Optional<Version> startAfter, long smallTableBytes) {

    public static final int DEFAULT_PG_VERSION = 14;
    public static final long DEFAULT_SMALL_TABLE_BYTES = 10L * 1024 * 1024;

    public LintSettings {
        if (pgVersion < 10 || pgVersion > 99) {
            throw new IllegalArgumentException("lint PostgreSQL version must be a major version like 14, not " + pgVersion);
        }
        if (smallTableBytes < 0) {
            throw new IllegalArgumentException("lint.gate.small-table must not be negative, not " + smallTableBytes);
        }
        disabled = Set.copyOf(Objects.requireNonNull(disabled, "disabled"));
        severities = Map.copyOf(Objects.requireNonNull(severities, "severities"));
        Objects.requireNonNull(startAfter, "startAfter");
    }

    public LintSettings(int pgVersion, Set<String> disabled, Map<String, Severity> severities, boolean beforeMigrate) {
        this(pgVersion, disabled, severities, beforeMigrate, Optional.empty(), DEFAULT_SMALL_TABLE_BYTES);
    }

    /** Every rule at its default severity, for PostgreSQL 14, gating {@code migrate}. */
    public static LintSettings defaults() {
        return new LintSettings(DEFAULT_PG_VERSION, Set.of(), Map.of(), true);
    }

    public LintSettings withPgVersion(int version) {
        return new LintSettings(version, disabled, severities, beforeMigrate, startAfter, smallTableBytes);
    }

    public LintSettings withDisabled(Set<String> ids) {
        return new LintSettings(pgVersion, ids, severities, beforeMigrate, startAfter, smallTableBytes);
    }

    public LintSettings withSeverities(Map<String, Severity> map) {
        return new LintSettings(pgVersion, disabled, map, beforeMigrate, startAfter, smallTableBytes);
    }

    public LintSettings withBeforeMigrate(boolean on) {
        return new LintSettings(pgVersion, disabled, severities, on, startAfter, smallTableBytes);
    }

    public LintSettings withStartAfter(Optional<Version> version) {
        return new LintSettings(pgVersion, disabled, severities, beforeMigrate, version, smallTableBytes);
    }

    public LintSettings withSmallTableBytes(long bytes) {
        return new LintSettings(pgVersion, disabled, severities, beforeMigrate, startAfter, bytes);
    }

    /** Whether a file of this version is left unjudged by {@link #startAfter}. */
    public boolean beforeStart(Optional<Version> version) {
        return startAfter.isPresent() && version.isPresent() && version.get().compareTo(startAfter.get()) <= 0;
    }
}
