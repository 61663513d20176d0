package dev.sluice.cli;

import dev.sluice.json.Json;

import dev.sluice.lint.Finding;
import dev.sluice.lint.LintInput;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.LintSettings;
import dev.sluice.lint.Linter;
import dev.sluice.lint.Rule;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.Rules;
import dev.sluice.migration.MigrationProblem;
import dev.sluice.report.FindingFormats;
import dev.sluice.report.Sarif;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice lint}: checks migration files for statements that lock out traffic, rewrite tables or
 * destroy data, without a database. Exit code 5 when any finding is an error; 3 when the project's
 * migration files themselves are invalid (the same check every verb runs), reported among the findings.
 */
@Command(name = "lint", description = "Check migrations for lock-hazardous and destructive SQL; needs no database.")
final class LintCommand extends ProjectCommand {

    enum Format { text, json, sarif, github }

    /**
     * The id under which the migration files' own problems (duplicate versions, a down without an up, a
     * file that cannot be read) are shown among the findings; they make the exit code 3, not 5.
     */
    static final String INVALID_MIGRATION = "invalid-migration";

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Migration folders or files (default: the project's migrations folder).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif (code scanning) or github (workflow annotations); default text.")
    Format format;

    @Option(names = "--pg-version", paramLabel = "MAJOR",
            description = "Oldest PostgreSQL major the migrations must be safe on (default 14, or lint.pg-version).")
    Integer pgVersion;

    @Option(names = "--list-rules", description = "List the rules with their severity and stop.")
    boolean listRules;

    @Override
    int run(Project project) {
        LintSettings settings = project.lintSettings();
        if (pgVersion != null) {
            settings = settings.withPgVersion(pgVersion);
        }
        if (listRules) {
            for (Rule r : Rules.all()) {
                String sev = settings.disabled().contains(r.id()) ? "off"
                        : settings.severities().getOrDefault(r.id(), r.defaultSeverity()).label();
                out().printf("%-38s %-8s %s%n", r.id(), sev, r.summary());
            }
            return ExitCodes.OK;
        }
        List<LintInput> inputs = new ArrayList<>();
        List<Path> targets = paths.isEmpty() ? List.of(project.migrationsDir()) : paths;
        Path migrations = project.migrationsDir().toAbsolutePath().normalize();
        for (Path given : targets) {
            Path p = given.toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                inputs.addAll(Linter.folderInputs(p, x -> true));
            } else if (Files.isRegularFile(p) && p.startsWith(migrations)) {
                // A file of the migrations folder is judged against the migrations before it.
                inputs.addAll(Linter.folderInputs(migrations, x -> x.toAbsolutePath().normalize().equals(p)));
            } else if (Files.isRegularFile(p)) {
                inputs.add(LintInput.of(p.toString(), read(p)));
            } else {
                throw new CliException(ExitCodes.USAGE, given + ": no such file or folder");
            }
        }
        LintReport report = new Linter(settings).lint(inputs);
        List<Finding> findings = new ArrayList<>();
        boolean projectFiles = targets.stream().map(t -> t.toAbsolutePath().normalize()).anyMatch(t -> t.startsWith(migrations));
        List<MigrationProblem> problems = projectFiles ? project.validation().problems() : List.of();
        for (MigrationProblem p : problems) {
            findings.add(new Finding(migrations.resolve(p.file()).toString(), Math.max(1, p.line()), 1, INVALID_MIGRATION,
                    Severity.ERROR, p.message(), ""));
        }
        // A file the validation already names as invalid is not reported a second time as unparsable.
        java.util.Set<String> invalid = new java.util.HashSet<>();
        findings.forEach(f -> invalid.add(f.file() + ":" + f.line() + ":" + f.message()));
        report.findings().stream()
                .filter(f -> !(f.rule().equals("unparsable-file") && invalid.contains(f.file() + ":" + f.line() + ":" + f.message())))
                .forEach(findings::add);
        findings = findings.stream().map(FindingFormats::relative).toList();
        switch (format) {
            case json -> out().println(Json.write(Map.of("findings", findings.stream().map(FindingFormats::json).toList())));
            case sarif -> out().println(Json.write(Sarif.of(findings)));
            case github -> findings.forEach(f -> out().println(FindingFormats.github(f)));
            default -> text(findings, report);
        }
        return !problems.isEmpty() ? ExitCodes.INVALID : report.hasErrors() ? ExitCodes.LINT_FAILED : ExitCodes.OK;
    }

    private static String read(Path p) {
        return dev.sluice.migration.FileSystemMigrationSource.read(p, p.toString());
    }

    private void text(List<Finding> findings, LintReport report) {
        for (Finding f : findings) {
            out().println(f.format());
            if (!f.alternative().isEmpty()) {
                out().println("    instead: " + f.alternative().replace("\n", "\n             "));
            }
        }
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        out().println(errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s")
                + " in " + report.files() + " file" + (report.files() == 1 ? "" : "s") + " (" + report.statements()
                + " statements)" + (report.notJudged() == 0 ? ""
                : "; " + report.notJudged() + " file" + (report.notJudged() == 1 ? "" : "s")
                + " at or before lint.start-after not judged"));
    }
}
