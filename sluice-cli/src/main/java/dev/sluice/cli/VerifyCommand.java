package dev.sluice.cli;

import dev.sluice.json.Json;

import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.Connections;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.StateProblem;
import dev.sluice.lint.Finding;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.Linter;
import dev.sluice.lint.Severity;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationLoadException;
import dev.sluice.migration.MigrationProblem;
import dev.sluice.migration.StatementRunner;
import dev.sluice.rehearsal.MigrationRehearsal;
import dev.sluice.rehearsal.Rehearsal;
import dev.sluice.rehearsal.RehearsalReport;
import dev.sluice.schema.SchemaDiff;
import dev.sluice.schema.internal.SchemaReader;
import dev.sluice.schema.SchemaSnapshot;
import dev.sluice.sql.SqlParseException;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.StatementSplitter;
import dev.sluice.Sluice;
import dev.sluice.trace.MigrationTrace;
import dev.sluice.trace.TraceFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code sluice verify}: the CI gate. The migration files, the lint, the checksums against the target
 * (when one is configured), a rehearsal of every migration with lock tracing on a scratch database,
 * and, where the project keeps a {@code schema.sql} for fresh installs, the proof that it gives the
 * same schema as the migrations. One exit code: 0 when nothing failed, 3 otherwise.
 */
@Command(name = "verify", description = "The CI gate: lint, checksums, rehearsal with lock tracing, and the schema.sql check, "
        + "with one exit code.")
final class VerifyCommand extends ProjectCommand {

    enum Format { text, json, junit, github }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, junit (JUnit XML) or github (workflow annotations); default text.")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path outFile;

    @Mixin
    ScratchOptions scratch;

    @Override
    int run(Project project) throws Exception {
        List<CheckResult> results = new ArrayList<>();
        Optional<MigrationCatalog> catalog = files(project, results);
        if (catalog.isPresent()) {
            List<Finding> lintFindings = lint(project, results);
            checksums(project, results);
            try (ScratchDatabases server = ScratchDatabases.start(project, scratch.server)) {
                ConnectionFactory rehearsed = rehearse(project, server, results);
                trace(project, server, catalog.get(), lintFindings, results);
                schemaFile(project, server, rehearsed, results);
            }
        }
        VerifyReport report = new VerifyReport(results);
        render(report);
        return report.passed() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private Optional<MigrationCatalog> files(Project project, List<CheckResult> results) {
        long start = System.nanoTime();
        try {
            MigrationCatalog catalog = project.catalog();
            results.add(new CheckResult("checks", "migration files", catalog.warnings().isEmpty() ? CheckResult.Status.PASSED
                    : CheckResult.Status.WARNING, catalog.warnings().isEmpty() ? "" : catalog.warnings().size() + " warnings",
                    catalog.warnings().stream().map(MigrationProblem::toString).collect(Collectors.joining("\n")), List.of(), ms(start)));
            return Optional.of(catalog);
        } catch (MigrationLoadException e) {
            results.add(new CheckResult("checks", "migration files", CheckResult.Status.FAILED, e.problems().size()
                    + " problem(s); nothing else was checked", e.problems().stream().map(MigrationProblem::toString)
                    .collect(Collectors.joining("\n")), List.of(), ms(start)));
            return Optional.empty();
        }
    }

    private List<Finding> lint(Project project, List<CheckResult> results) {
        long start = System.nanoTime();
        LintReport report = new Linter(project.lintSettings()).lint(Linter.folderInputs(project.migrationsDir(), p -> true));
        List<Finding> findings = report.findings().stream().map(FindingFormats::relative).toList();
        results.add(findingsResult("lint", findings, report.files() + " files, " + report.statements() + " statements", ms(start)));
        return findings;
    }

    private void checksums(Project project, List<CheckResult> results) throws SQLException {
        long start = System.nanoTime();
        if (project.configuredUrl().isEmpty()) {
            results.add(new CheckResult("checks", "checksums against the target", CheckResult.Status.SKIPPED,
                    "no database URL configured; give --url or SLUICE_URL to compare with a database's history", "",
                    List.of(), 0));
            return;
        }
        ProjectStatus status = project.sluice(project.settings()).status();
        results.add(status.problems().isEmpty() ? CheckResult.passed("checks", "checksums against the target", ms(start))
                : new CheckResult("checks", "checksums against the target", CheckResult.Status.FAILED,
                status.problems().size() + " problem(s) with " + project.describeTarget(),
                status.problems().stream().map(StateProblem::toString).collect(Collectors.joining("\n")), List.of(), ms(start)));
    }

    private ConnectionFactory rehearse(Project project, ScratchDatabases server, List<CheckResult> results) throws Exception {
        ConnectionFactory db = server.newDatabase(project, "rehearse");
        RehearsalReport report;
        try (ProgressLine progress = new ProgressLine(out(), terminal(), "rehearsing")) {
            report = new Rehearsal(project.optionsFor(db), db, Optional.of(scratch.seedFolder(project)),
                    scratch.irreversibleIsError(project)).run(progress);
        }
        for (MigrationRehearsal m : report.migrations()) {
            CheckResult.Status status = switch (m.verdict()) {
                case PASSED -> CheckResult.Status.PASSED;
                case FAILED -> CheckResult.Status.FAILED;
                case SKIPPED -> CheckResult.Status.SKIPPED;
                case IRREVERSIBLE -> report.irreversibleIsError() ? CheckResult.Status.FAILED : CheckResult.Status.WARNING;
            };
            String first = m.problems().isEmpty() ? "" : m.problems().get(0).lines().findFirst().orElse("");
            results.add(new CheckResult("rehearsal", m.label() + " [" + m.script() + "]", status, first,
                    String.join("\n", m.problems()), List.of(), m.millis()));
        }
        return db;
    }

    private void trace(Project project, ScratchDatabases server, MigrationCatalog catalog, List<Finding> lintFindings,
                       List<CheckResult> results) throws SQLException {
        long start = System.nanoTime();
        List<MigrationTrace> traces;
        ConnectionFactory db = server.newDatabase(project, "trace");
        try (ProgressLine progress = new ProgressLine(out(), terminal(), "tracing")) {
            traces = new Sluice(project.optionsFor(db)).trace(catalog, db, progress).migrations();
        } catch (TraceFailedException e) {
            results.add(new CheckResult("checks", "lock trace", CheckResult.Status.FAILED, e.getMessage(), "", List.of(), ms(start)));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Finding f : lintFindings) {
            seen.add(Path.of(f.file()).getFileName() + ":" + f.line() + ":" + f.rule());
        }
        Path migrations = project.migrationsDir();
        List<Finding> findings = traces.stream().flatMap(t -> t.findings().stream()).map(FindingFormats::of)
                .filter(f -> !seen.contains(Path.of(f.file()).getFileName() + ":" + f.line() + ":" + f.rule()))
                .map(f -> FindingFormats.relative(new Finding(migrations.resolve(f.file()).toString(), f.line(), f.column(),
                        f.rule(), f.severity(), f.message(), f.alternative())))
                .toList();
        long statements = traces.stream().mapToLong(t -> t.statements().size()).sum();
        results.add(findingsResult("lock trace", findings, statements + " statements traced", ms(start)));
    }

    private void schemaFile(Project project, ScratchDatabases server, ConnectionFactory rehearsed, List<CheckResult> results)
            throws Exception {
        long start = System.nanoTime();
        Path file = project.dir().resolve(project.config().get("schema-file").orElse("schema.sql"));
        String name = "schema file " + project.dir().relativize(file);
        if (!Files.isRegularFile(file)) {
            results.add(new CheckResult("checks", name, CheckResult.Status.SKIPPED, "the project keeps no " + file.getFileName(),
                    "", List.of(), 0));
            return;
        }
        ConnectionFactory fresh = server.newDatabase(project, "schemafile");
        List<SqlStatement> statements;
        try {
            statements = StatementSplitter.split(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString()).statements();
        } catch (SqlParseException e) {
            results.add(new CheckResult("checks", name, CheckResult.Status.FAILED, e.getMessage(), "", List.of(), ms(start)));
            return;
        }
        try (Connection c = Connections.open(fresh)) {
            for (SqlStatement s : statements) {
                try {
                    StatementRunner.execute(c, s);
                } catch (SQLException e) {
                    results.add(new CheckResult("checks", name, CheckResult.Status.FAILED, file.getFileName() + ":" + s.line()
                            + ": " + e.getMessage(), "", List.of(), ms(start)));
                    return;
                }
            }
        }
        SchemaReader reader = new SchemaReader(project.snapshotOptions(false));
        SchemaSnapshot fromFile;
        SchemaSnapshot fromMigrations;
        try (Connection a = Connections.open(fresh); Connection b = Connections.open(rehearsed)) {
            fromFile = reader.read(a);
            fromMigrations = reader.read(b);
        }
        SchemaDiff diff = SchemaDiff.between(fromMigrations, fromFile, false);
        results.add(diff.isEmpty() ? CheckResult.passed("checks", name, ms(start))
                : new CheckResult("checks", name, CheckResult.Status.FAILED, file.getFileName()
                + " gives another schema than the migrations (" + diff.lines().size() + " differences, "
                + "seen from the migrations to the file)", String.join("\n", diff.lines()), List.of(), ms(start)));
    }

    private static CheckResult findingsResult(String name, List<Finding> findings, String summary, long millis) {
        boolean errors = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        CheckResult.Status status = errors ? CheckResult.Status.FAILED
                : findings.isEmpty() ? CheckResult.Status.PASSED : CheckResult.Status.WARNING;
        String details = findings.stream().map(f -> f.format() + (f.alternative().isEmpty() ? ""
                : "\n    instead: " + f.alternative().replace("\n", "\n             "))).collect(Collectors.joining("\n"));
        return new CheckResult("checks", name, status, findings.isEmpty() ? summary : findings.size() + " finding(s); " + summary,
                details, findings, millis);
    }

    private void render(VerifyReport report) throws java.io.IOException {
        StringWriter buffer = new StringWriter();
        PrintWriter w = new PrintWriter(buffer);
        switch (format) {
            case json -> w.println(Json.write(report.json()));
            case junit -> w.print(report.junit());
            case github -> report.github(w);
            default -> report.text(w);
        }
        w.flush();
        if (outFile != null) {
            Files.writeString(outFile, buffer.toString(), StandardCharsets.UTF_8);
            out().println("wrote " + outFile + "; verify " + (report.passed() ? "passed" : "failed"));
        } else {
            out().print(buffer);
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
