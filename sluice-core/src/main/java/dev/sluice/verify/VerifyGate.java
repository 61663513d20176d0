package dev.sluice.verify;

import dev.sluice.db.ConnectionFactory;
import dev.sluice.db.Connections;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.StateProblem;
import dev.sluice.lint.Finding;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.LintSettings;
import dev.sluice.lint.Linter;
import dev.sluice.lint.Severity;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.MigrationType;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationLoadException;
import dev.sluice.migration.MigrationProblem;
import dev.sluice.migration.internal.StatementRunner;
import dev.sluice.postgres.ScratchDatabases;
import dev.sluice.postgres.ScratchSettings;
import dev.sluice.progress.PhaseProgress;
import dev.sluice.progress.Progress;
import dev.sluice.rehearsal.MigrationRehearsal;
import dev.sluice.rehearsal.RehearsalReport;
import dev.sluice.report.FindingFormats;
import dev.sluice.schema.SchemaDiff;
import dev.sluice.schema.internal.SchemaReader;
import dev.sluice.schema.SchemaSnapshot;
import dev.sluice.schema.SnapshotOptions;
import dev.sluice.sql.SqlParseException;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.internal.StatementSplitter;
import dev.sluice.trace.MigrationTrace;
import dev.sluice.trace.TraceFailedException;

import java.io.IOException;
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
 * The CI gate: the migration files, the lint, the checksums against the target (when one is
 * configured), a rehearsal of every migration with lock tracing on a scratch database, and, where the
 * project keeps a {@code schema.sql} for fresh installs, the proof that it gives the same schema as the
 * migrations. Broken migration files stop it at once: nothing else can be checked then.
 *
 * <p>The facade runs it and hands it, as a {@link Project}, what only the facade can do (resolve the
 * migrations, read the target's status, rehearse), so this package never depends on the facade above it.
 * Hazard: the scratch server is opened and closed here, on every path; a development server's databases
 * are dropped again, best effort.
 */
public final class VerifyGate {

    /** What the gate needs of the project and its target; the facade provides it. */
    public interface Project {

        /** The migrations, resolved; throws {@link MigrationLoadException} when the files are broken. */
        MigrationCatalog catalog();

        LintSettings lintSettings();

        /** Files against the target's history; asked only when the request checks the target. */
        ProjectStatus status() throws SQLException;

        /** The target, password masked, as messages name it. */
        String describeTarget();

        /** The scratch server of {@code settings}, to be closed by the caller. */
        ScratchDatabases scratchDatabases(ScratchSettings settings) throws SQLException;

        /** Every migration up, down and up again in {@code scratch}. */
        RehearsalReport rehearse(ConnectionFactory scratch, Optional<Path> seedFolder, boolean irreversibleIsError,
                                 Progress progress) throws SQLException;

        /**
         * Every migration traced in {@code scratch} with the executor {@code migrate} uses; an online change or
         * a rewrite runs there untraced.
         */
        Traced trace(MigrationCatalog catalog, ConnectionFactory scratch, Progress progress) throws SQLException;

        /** How schemas are read for comparison (the history table left out). */
        SnapshotOptions snapshotOptions();
    }

    /** The traces, and the scripts of the migrations that ran untraced (online changes and rewrites). */
    public record Traced(List<MigrationTrace> traces, List<String> untraced) {
    }

    private final Project project;
    private final VerifyRequest request;

    public VerifyGate(Project project, VerifyRequest request) {
        this.project = project;
        this.request = request;
    }

    /** Runs every check; the report's {@link VerifyReport#passed()} is the gate's verdict. */
    public VerifyReport run() throws SQLException, IOException {
        List<VerifyCheck> results = new ArrayList<>();
        Optional<MigrationCatalog> catalog = files(results);
        String where = "";
        if (catalog.isPresent()) {
            List<Finding> lintFindings = lint(results);
            checksums(results);
            try (ScratchDatabases server = project.scratchDatabases(request.scratch())) {
                where = server.describe();
                ConnectionFactory rehearsed = rehearse(server, results);
                trace(server, catalog.get(), lintFindings, results);
                schemaFile(server, rehearsed, results);
            }
        }
        return new VerifyReport(results, where);
    }

    private Optional<MigrationCatalog> files(List<VerifyCheck> results) {
        long start = System.nanoTime();
        try {
            MigrationCatalog catalog = project.catalog();
            results.add(new VerifyCheck("checks", "migration files", catalog.warnings().isEmpty() ? VerifyCheck.Status.PASSED
                    : VerifyCheck.Status.WARNING, catalog.warnings().isEmpty() ? "" : catalog.warnings().size() + " warnings",
                    catalog.warnings().stream().map(MigrationProblem::toString).collect(Collectors.joining("\n")), List.of(), ms(start)));
            return Optional.of(catalog);
        } catch (MigrationLoadException e) {
            results.add(new VerifyCheck("checks", "migration files", VerifyCheck.Status.FAILED, e.problems().size()
                    + " problem(s); nothing else was checked", e.problems().stream().map(MigrationProblem::toString)
                    .collect(Collectors.joining("\n")), List.of(), ms(start)));
            return Optional.empty();
        }
    }

    private List<Finding> lint(List<VerifyCheck> results) {
        long start = System.nanoTime();
        LintReport report = new Linter(project.lintSettings()).lint(Linter.folderInputs(request.migrationsDir(), p -> true));
        List<Finding> findings = report.findings().stream().map(FindingFormats::relative).toList();
        results.add(findingsResult("lint", findings, report.files() + " files, " + report.statements() + " statements", ms(start)));
        return findings;
    }

    private void checksums(List<VerifyCheck> results) throws SQLException {
        long start = System.nanoTime();
        if (!request.checkTarget()) {
            results.add(new VerifyCheck("checks", "checksums against the target", VerifyCheck.Status.SKIPPED,
                    "no database URL configured; give --url or SLUICE_URL to compare with a database's history", "",
                    List.of(), 0));
            return;
        }
        ProjectStatus status = project.status();
        results.add(status.problems().isEmpty() ? VerifyCheck.passed("checks", "checksums against the target", ms(start))
                : new VerifyCheck("checks", "checksums against the target", VerifyCheck.Status.FAILED,
                status.problems().size() + " problem(s) with " + project.describeTarget(),
                status.problems().stream().map(StateProblem::toString).collect(Collectors.joining("\n")), List.of(), ms(start)));
    }

    private ConnectionFactory rehearse(ScratchDatabases server, List<VerifyCheck> results) throws SQLException {
        ConnectionFactory db = server.newDatabase("rehearse").connections();
        RehearsalReport report;
        try (PhaseProgress progress = request.progress().apply("rehearsing")) {
            report = project.rehearse(db, Optional.of(request.seedFolder()), request.irreversibleIsError(), progress);
        }
        for (MigrationRehearsal m : report.migrations()) {
            VerifyCheck.Status status = switch (m.verdict()) {
                case PASSED -> VerifyCheck.Status.PASSED;
                case FAILED -> VerifyCheck.Status.FAILED;
                case SKIPPED -> VerifyCheck.Status.SKIPPED;
                case IRREVERSIBLE -> report.irreversibleIsError() ? VerifyCheck.Status.FAILED : VerifyCheck.Status.WARNING;
            };
            String first = m.problems().isEmpty() ? "" : m.problems().get(0).lines().findFirst().orElse("");
            results.add(new VerifyCheck("rehearsal", m.label() + " [" + m.script() + "]", status, first,
                    String.join("\n", m.problems()), List.of(), m.millis()));
        }
        return db;
    }

    private void trace(ScratchDatabases server, MigrationCatalog catalog, List<Finding> lintFindings,
                       List<VerifyCheck> results) throws SQLException {
        long start = System.nanoTime();
        List<MigrationTrace> traces;
        String untraced;
        try (PhaseProgress progress = request.progress().apply("tracing")) {
            Traced traced = project.trace(catalog, server.newDatabase("trace").connections(), progress);
            traces = traced.traces();
            untraced = traced.untraced().isEmpty() ? "" : "; ran untraced, through their own runners: " + String.join(", ", traced.untraced())
                    + " (docs/online.md and docs/rewrite.md list their locks)";
        } catch (TraceFailedException e) {
            results.add(new VerifyCheck("checks", "lock trace", VerifyCheck.Status.FAILED, e.getMessage(), "", List.of(), ms(start)));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Finding f : lintFindings) {
            seen.add(Path.of(f.file()).getFileName() + ":" + f.line() + ":" + f.rule());
        }
        Path migrations = request.migrationsDir();
        List<Finding> findings = traces.stream().flatMap(t -> t.findings().stream()).map(FindingFormats::of)
                .filter(f -> !seen.contains(Path.of(f.file()).getFileName() + ":" + f.line() + ":" + f.rule()))
                .map(f -> FindingFormats.relative(new Finding(migrations.resolve(f.file()).toString(), f.line(), f.column(),
                        f.rule(), f.severity(), f.message(), f.alternative())))
                .toList();
        long statements = traces.stream().mapToLong(t -> t.statements().size()).sum();
        results.add(findingsResult("lock trace", findings, statements + " statements traced" + untraced, ms(start)));
    }

    private void schemaFile(ScratchDatabases server, ConnectionFactory rehearsed, List<VerifyCheck> results)
            throws SQLException, IOException {
        long start = System.nanoTime();
        Path file = request.schemaFile();
        String name = "schema file " + request.projectDir().relativize(file);
        if (!Files.isRegularFile(file)) {
            results.add(new VerifyCheck("checks", name, VerifyCheck.Status.SKIPPED, "the project keeps no " + file.getFileName(),
                    "", List.of(), 0));
            return;
        }
        ConnectionFactory fresh = server.newDatabase("schemafile").connections();
        List<SqlStatement> statements;
        try {
            statements = StatementSplitter.split(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString()).statements();
        } catch (SqlParseException e) {
            results.add(new VerifyCheck("checks", name, VerifyCheck.Status.FAILED, e.getMessage(), "", List.of(), ms(start)));
            return;
        }
        try (Connection c = Connections.open(fresh)) {
            for (SqlStatement s : statements) {
                try {
                    StatementRunner.execute(c, s);
                } catch (SQLException e) {
                    results.add(new VerifyCheck("checks", name, VerifyCheck.Status.FAILED, file.getFileName() + ":" + s.line()
                            + ": " + e.getMessage(), "", List.of(), ms(start)));
                    return;
                }
            }
        }
        SchemaReader reader = new SchemaReader(project.snapshotOptions());
        SchemaSnapshot fromFile;
        SchemaSnapshot fromMigrations;
        try (Connection a = Connections.open(fresh); Connection b = Connections.open(rehearsed)) {
            fromFile = reader.read(a);
            fromMigrations = reader.read(b);
        }
        SchemaDiff diff = SchemaDiff.between(fromMigrations, fromFile, false);
        results.add(diff.isEmpty() ? VerifyCheck.passed("checks", name, ms(start))
                : new VerifyCheck("checks", name, VerifyCheck.Status.FAILED, file.getFileName()
                + " gives another schema than the migrations (" + diff.lines().size() + " differences, "
                + "seen from the migrations to the file)", String.join("\n", diff.lines()), List.of(), ms(start)));
    }

    private static VerifyCheck findingsResult(String name, List<Finding> findings, String summary, long millis) {
        boolean errors = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        VerifyCheck.Status status = errors ? VerifyCheck.Status.FAILED
                : findings.isEmpty() ? VerifyCheck.Status.PASSED : VerifyCheck.Status.WARNING;
        String details = findings.stream().map(f -> f.format() + (f.alternative().isEmpty() ? ""
                : "\n    instead: " + f.alternative().replace("\n", "\n             "))).collect(Collectors.joining("\n"));
        return new VerifyCheck("checks", name, status, findings.isEmpty() ? summary : findings.size() + " finding(s); " + summary,
                details, findings, millis);
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
