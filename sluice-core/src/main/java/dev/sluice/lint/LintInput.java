package dev.sluice.lint;

import dev.sluice.migration.MigrationFileName;
import dev.sluice.migration.Version;
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
 * @param split   the file already split into statements, when the caller has it
 * @param version the migration's version, which {@code lint.start-after} is compared with; taken from a
 *                Flyway-style name unless given (a file of another tool's layout has its version elsewhere)
 */
public record LintInput(String name, MigrationRole role, String text, boolean report, Optional<SqlScript> split,
                        Optional<Version> version) {
    public LintInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(version, "version");
    }

    public LintInput(String name, MigrationRole role, String text, boolean report, Optional<SqlScript> split) {
        this(name, role, text, report, split, versionOf(name));
    }

    public LintInput(String name, MigrationRole role, String text, boolean report) {
        this(name, role, text, report, Optional.empty());
    }

    /** The version a Flyway-style file name gives, {@code V3__x.sql} being 3, for a path or a bare name. */
    static Optional<Version> versionOf(String name) {
        String file = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String base = file.endsWith(".sql") ? file.substring(0, file.length() - 4) : file;
        return MigrationFileName.parse(base).flatMap(MigrationFileName::version);
    }

    /** A file that is reported, with the role its name implies. */
    public static LintInput of(String name, String text) {
        return new LintInput(name, MigrationRole.ofFileName(name), text, true);
    }

    /** A script that is already split, as a migration body holds it. */
    public static LintInput ofScript(SqlScript script, MigrationRole role, boolean report) {
        return new LintInput(script.sourceName(), role, "", report, Optional.of(script));
    }

    /** {@link #ofScript(SqlScript, MigrationRole, boolean)} of a migration whose version is known. */
    public static LintInput ofScript(SqlScript script, MigrationRole role, boolean report, Optional<Version> version) {
        return new LintInput(script.sourceName(), role, "", report, Optional.of(script), version);
    }
}
