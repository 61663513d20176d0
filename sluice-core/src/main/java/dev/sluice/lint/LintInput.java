package dev.sluice.lint;

import dev.sluice.sql.SqlScript;

import java.util.Objects;
import java.util.Optional;

/**
 * One file handed to the {@link Linter}.
 *
 * @param name   the file as reports show it
 * @param role   what the file is to the project
 * @param text   its content (ignored when {@code split} is present)
 * @param report whether to report findings for it; a file that is only read for what it creates (an
 *               earlier migration) is not reported
 * @param split  the file already split into statements, when the caller has it
 */
public record LintInput(String name, MigrationRole role, String text, boolean report, Optional<SqlScript> split) {
    public LintInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(split, "split");
    }

    public LintInput(String name, MigrationRole role, String text, boolean report) {
        this(name, role, text, report, Optional.empty());
    }

    /** A file that is reported, with the role its name implies. */
    public static LintInput of(String name, String text) {
        return new LintInput(name, MigrationRole.ofFileName(name), text, true);
    }

    /** A script that is already split, as a migration body holds it. */
    public static LintInput ofScript(SqlScript script, MigrationRole role, boolean report) {
        return new LintInput(script.sourceName(), role, "", report, Optional.of(script));
    }
}
