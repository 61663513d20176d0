package dev.sluice.lint;

import dev.sluice.migration.FileSystemMigrationSource;
import dev.sluice.migration.MigrationProblem;
import dev.sluice.migration.MigrationValidation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Lints a project's migrations, or the files and folders a user names, without a database.
 *
 * <p>A file of the migrations folder is judged against the migrations before it (a table created two
 * files earlier is new), so naming one file gives the same verdict as linting the folder. Whenever the
 * project's own files are linted, the one file validation every verb runs is merged in, so a broken
 * project fails {@code lint} with the same message {@code migrate} would give.
 */
public final class ProjectLint {

    /**
     * The id under which the migration files' own problems (duplicate versions, a down without an up, a
     * file that cannot be read) are shown among the findings.
     */
    public static final String INVALID_MIGRATION = "invalid-migration";

    private final LintSettings settings;
    private final Optional<Path> migrations;
    private final Supplier<MigrationValidation> validation;

    /**
     * @param migrations the project's migrations folder, when it has one
     * @param validation the project's file validation, run only when project files are linted
     */
    public ProjectLint(LintSettings settings, Optional<Path> migrations, Supplier<MigrationValidation> validation) {
        this.settings = settings;
        this.migrations = migrations.map(p -> p.toAbsolutePath().normalize());
        this.validation = validation;
    }

    /**
     * Lints the given files and folders, or the migrations folder when none is given.
     *
     * @throws IllegalArgumentException naming a path that does not exist, or when nothing is given and the
     *                                  project has no migrations folder
     */
    public LintResult lint(List<Path> paths) {
        List<Path> targets = new ArrayList<>();
        if (paths.isEmpty()) {
            targets.add(migrations.orElseThrow(() -> new IllegalArgumentException(
                    "the project has no migrations folder: name the files or folders to lint")));
        } else {
            paths.forEach(p -> targets.add(p));
        }
        List<LintInput> inputs = new ArrayList<>();
        for (Path given : targets) {
            Path p = given.toAbsolutePath().normalize();
            if (Files.isDirectory(p) && migrations.isPresent() && !p.equals(migrations.get()) && p.startsWith(migrations.get())
                    && dev.sluice.migration.Locations.layoutAt(migrations.get()).isPresent()) {
                // A sub-folder of another tool's layout (one Prisma migration): read as the layout reads it.
                Path target = p;
                inputs.addAll(Linter.folderInputs(migrations.get(), x -> x.toAbsolutePath().normalize().startsWith(target)));
            } else if (Files.isDirectory(p)) {
                inputs.addAll(Linter.folderInputs(p, x -> true));
            } else if (Files.isRegularFile(p) && migrations.isPresent() && p.startsWith(migrations.get())) {
                inputs.addAll(Linter.folderInputs(migrations.get(), x -> x.toAbsolutePath().normalize().equals(p)));
            } else if (Files.isRegularFile(p)) {
                inputs.add(LintInput.of(p.toString(), FileSystemMigrationSource.read(p, p.toString())));
            } else {
                throw new IllegalArgumentException(given + ": no such file or folder");
            }
        }
        LintReport report = new Linter(settings).lint(inputs);
        boolean projectFiles = migrations.isPresent()
                && targets.stream().map(t -> t.toAbsolutePath().normalize()).anyMatch(t -> t.startsWith(migrations.get()));
        List<MigrationProblem> problems = projectFiles ? validation.get().problems() : List.of();
        List<Finding> findings = new ArrayList<>();
        for (MigrationProblem problem : problems) {
            findings.add(new Finding(migrations.get().resolve(problem.file()).toString(), Math.max(1, problem.line()), 1,
                    INVALID_MIGRATION, Severity.ERROR, problem.message(), ""));
        }
        // A file the validation already names as invalid is not reported a second time as unparsable.
        Set<String> invalid = new HashSet<>();
        findings.forEach(f -> invalid.add(f.file() + ":" + f.line() + ":" + f.message()));
        report.findings().stream()
                .filter(f -> !(f.rule().equals(dev.sluice.lint.rules.UnparsableFile.ID) && invalid.contains(f.file() + ":" + f.line() + ":" + f.message())))
                .forEach(findings::add);
        return new LintResult(findings, report, !problems.isEmpty());
    }
}
