package dev.sluice.lint;

import java.util.Map;
import java.util.Objects;
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
 */
public record LintSettings(int pgVersion, Set<String> disabled, Map<String, Severity> severities, boolean beforeMigrate) {

    public static final int DEFAULT_PG_VERSION = 14;

    public LintSettings {
        if (pgVersion < 10 || pgVersion > 99) {
            throw new IllegalArgumentException("lint PostgreSQL version must be a major version like 14, not " + pgVersion);
        }
        disabled = Set.copyOf(Objects.requireNonNull(disabled, "disabled"));
        severities = Map.copyOf(Objects.requireNonNull(severities, "severities"));
    }

    /** Every rule at its default severity, for PostgreSQL 14, gating {@code migrate}. */
    public static LintSettings defaults() {
        return new LintSettings(DEFAULT_PG_VERSION, Set.of(), Map.of(), true);
    }

    public LintSettings withPgVersion(int version) {
        return new LintSettings(version, disabled, severities, beforeMigrate);
    }

    public LintSettings withDisabled(Set<String> ids) {
        return new LintSettings(pgVersion, ids, severities, beforeMigrate);
    }

    public LintSettings withSeverities(Map<String, Severity> map) {
        return new LintSettings(pgVersion, disabled, map, beforeMigrate);
    }

    public LintSettings withBeforeMigrate(boolean on) {
        return new LintSettings(pgVersion, disabled, severities, on);
    }
}
