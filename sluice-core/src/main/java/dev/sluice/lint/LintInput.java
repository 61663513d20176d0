package dev.sluice.lint;

import java.util.Objects;

/**
 * One file handed to the {@link Linter}.
 *
 * @param name   the file as reports show it
 * @param role   what the file is to the project
 * @param text   its content
 * @param report whether to report findings for it; a file that is only read for what it creates (an
 *               earlier migration) is not reported
 */
public record LintInput(String name, MigrationRole role, String text, boolean report) {
    public LintInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }

    /** A file that is reported, with the role its name implies. */
    public static LintInput of(String name, String text) {
        return new LintInput(name, MigrationRole.ofFileName(name), text, true);
    }
}
