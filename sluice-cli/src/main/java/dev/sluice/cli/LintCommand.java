package dev.sluice.cli;

import dev.sluice.json.Json;

import dev.sluice.lint.Finding;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.LintResult;
import dev.sluice.lint.LintSettings;
import dev.sluice.lint.Rule;
import dev.sluice.lint.Severity;
import dev.sluice.lint.rules.Rules;
import dev.sluice.report.FindingFormats;
import dev.sluice.report.Sarif;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
        LintResult result = project.sluiceWithoutDatabase().lint(paths, settings);
        LintReport report = result.report();
        List<Finding> findings = result.findings();
        findings = findings.stream().map(FindingFormats::relative).toList();
        switch (format) {
            case json -> out().println(Json.write(Map.of("findings", findings.stream().map(FindingFormats::json).toList())));
            case sarif -> out().println(Json.write(Sarif.of(findings)));
            case github -> findings.forEach(f -> out().println(FindingFormats.github(f)));
            default -> text(findings, report);
        }
        return result.invalidFiles() ? ExitCodes.INVALID : report.hasErrors() ? ExitCodes.LINT_FAILED : ExitCodes.OK;
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
