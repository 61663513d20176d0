package dev.sluice.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * A migration found in the project: a versioned one with its optional way back, or a repeatable one.
 *
 * @param type        {@link MigrationType#SQL}, {@link MigrationType#JAVA} or {@link MigrationType#REPEATABLE}
 * @param version     the version; empty for a repeatable migration
 * @param description from the name, underscores shown as spaces
 * @param script      the file's relative path or the class's name, as recorded in the history
 * @param checksum    the up's checksum; empty for a Java migration that declares none
 * @param up          what {@code migrate} runs
 * @param down        what {@code rollback} runs: the {@code U} file or {@code performDown}; empty when
 *                    the migration cannot be rolled back
 */
public record Migration(MigrationType type, Optional<Version> version, String description, String script,
                        Optional<String> checksum, MigrationBody up, Optional<MigrationBody> down) {

    public Migration {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
        if (type == MigrationType.REPEATABLE ? version.isPresent() : version.isEmpty()) {
            throw new IllegalArgumentException(script + ": a repeatable migration has no version, a versioned one has one");
        }
    }

    public boolean isRepeatable() {
        return type == MigrationType.REPEATABLE;
    }

    /** The version, for a versioned migration. */
    public Version requireVersion() {
        return version.orElseThrow(() -> new IllegalStateException(script + " is repeatable and has no version"));
    }

    /** {@code V3 add users} or {@code R refresh views}: how progress output names the migration. */
    public String label() {
        return version.map(v -> "V" + v).orElse("R") + " " + description;
    }
}
