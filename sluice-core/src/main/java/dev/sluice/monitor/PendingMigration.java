package dev.sluice.monitor;

import dev.sluice.lint.Finding;
import dev.sluice.lint.Severity;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;

import java.util.List;
import java.util.Optional;

/**
 * A migration waiting to be applied, with what the lint says about its file.
 *
 * @param version     empty for a repeatable migration
 * @param findings    the lint findings of its up, judged from the files alone (the database-aware gate of
 *                    {@code migrate} may still pass a hazard on a table it finds small)
 * @param linted      false for a Java migration, which the lint cannot read
 */
public record PendingMigration(Optional<Version> version, String description, String script, MigrationType type,
                               List<Finding> findings, boolean linted) {

    public PendingMigration {
        findings = List.copyOf(findings);
    }

    /** The worst severity among the findings; empty when there is none. */
    public Optional<Severity> verdict() {
        return findings.stream().map(Finding::severity).min(Enum::compareTo);
    }

    public String label() {
        return version.map(v -> "V" + v).orElse("R") + " " + description;
    }
}
