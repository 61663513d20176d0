package dev.sluice.adopt;

import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration another tool applied, as {@code adopt} records it in Sluice's history.
 *
 * @param version         empty for a repeatable migration
 * @param description     Sluice's description of the file (the baseline's own for a baseline)
 * @param type            SQL, JAVA, REPEATABLE or BASELINE
 * @param script          the file's path in its location, or the Java class's name
 * @param checksum        Sluice's checksum of the file, recorded so that later edits are caught; empty for a
 *                        baseline or a Java migration that declares none
 * @param foreignChecksum what the other tool stored, which the file was checked against; empty when it stored none
 * @param installedBy     who the other tool says applied it
 * @param installedOn     when
 * @param executionMs     how long it ran, as the other tool measured it
 */
public record AdoptedMigration(Optional<Version> version, String description, MigrationType type, String script,
                               Optional<String> checksum, Optional<String> foreignChecksum, String installedBy,
                               Instant installedOn, long executionMs) {

    public AdoptedMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(foreignChecksum, "foreignChecksum");
        Objects.requireNonNull(installedBy, "installedBy");
        Objects.requireNonNull(installedOn, "installedOn");
    }

    /** {@code V3 add orders}, {@code R views}, as the status table shows them. */
    public String label() {
        return version.map(v -> "V" + v).orElse("R") + " " + description;
    }
}
