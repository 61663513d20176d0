package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.json.Json;

import dev.sluice.execution.MigrationStatus;
import dev.sluice.execution.ProjectStatus;
import dev.sluice.execution.StateProblem;
import dev.sluice.execution.VersionState;
import dev.sluice.history.AppliedMigration;
import dev.sluice.migration.Checksum;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationProblem;
import dev.sluice.ValidateResult;
import dev.sluice.migration.Version;
import dev.sluice.online.BackfillProgress;
import dev.sluice.online.OnlineChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code sluice status}: every migration with its state, the current version, and what needs a person. */
@Command(name = "status", description = "Show applied, pending and failed migrations and anything that needs attention.")
final class StatusCommand extends ProjectCommand {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /**
     * Exit code 3 when the migration files are invalid (the table and every problem are printed first);
     * history problems are listed with {@code !} and leave the exit code at 0, {@code validate} fails on them.
     */
    @Override
    int run(Project project) throws Exception {
        Sluice sluice = project.sluice(project.settings());
        ValidateResult files = sluice.validate();
        for (MigrationProblem w : files.catalog().warnings()) {
            err().println("warning: " + w);
        }
        ProjectStatus status = files.status();
        List<StateProblem> problems = files.historyProblems();
        Optional<OnlineChange> online = sluice.onlineInProgress();
        if (json) {
            Map<String, Object> root = toJson(project.describeTarget(), status, problems);
            root.put("fileProblems", files.fileProblems().stream().map(StatusCommand::json).toList());
            root.put("online", online.map(StatusCommand::onlineJson).orElse(null));
            out().println(Json.write(root));
        } else {
            printTable(project.describeTarget(), status, problems);
            online.ifPresent(this::printOnline);
            if (!files.fileProblems().isEmpty()) {
                out().println("! the migration files are invalid; nothing can run until they are fixed:");
                files.fileProblems().forEach(p -> out().println("!   " + p));
            }
        }
        return files.fileProblems().isEmpty() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    static Map<String, Object> json(MigrationProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.file());
        m.put("line", p.line());
        m.put("message", p.message());
        return m;
    }

    private void printTable(String target, ProjectStatus status, List<StateProblem> problems) {
        out().println("database: " + target);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"VERSION", "DESCRIPTION", "TYPE", "STATE", "INSTALLED ON", "TIME", "CHECKSUM"});
        for (MigrationStatus e : status.entries()) {
            AppliedMigration row = e.run().orElse(null);
            rows.add(new String[]{
                    e.version().map(Version::toString).orElse("R"),
                    e.description(),
                    e.type().name(),
                    e.state().name() + (e.checksumChanged() ? " (edited)" : ""),
                    row == null ? "" : row.startedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                    row == null ? "" : row.executionMs().map(ms -> ms + " ms").orElse(""),
                    Checksum.shortForm(e.migration().flatMap(Migration::checksum)
                            .or(() -> e.lastRow().flatMap(AppliedMigration::checksum)).orElse(null))});
        }
        Table.print(out(), rows);
        out().println();
        out().println("current version: " + status.current().map(Version::toString).orElse("none")
                + "; pending: " + status.withState(VersionState.PENDING).size()
                + "; failed: " + status.withState(VersionState.FAILED).size());
        for (StateProblem p : problems) {
            out().println("! " + p);
        }
    }

    private void printOnline(OnlineChange c) {
        out().println("online change in progress: V" + c.version() + " " + c.description() + " (" + c.script() + "), started "
                + c.startedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"));
        out().println("  old version: schema " + c.oldSchema());
        out().println("  new version: schema " + c.newSchema() + " (search_path " + c.newSchema() + ", " + c.oldSchema() + ")");
        for (BackfillProgress p : c.backfills()) {
            out().println("  " + OnlineProgress.line(p));
        }
        out().println("  next: 'sluice complete' once no old client is left, or 'sluice rollback' to abort");
    }

    private static Map<String, Object> onlineJson(OnlineChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", c.version());
        m.put("description", c.description());
        m.put("script", c.script());
        m.put("phase", c.phase());
        m.put("startedAt", c.startedAt().toString());
        m.put("oldSchema", c.oldSchema());
        m.put("newSchema", c.newSchema());
        List<Object> backfills = new ArrayList<>();
        for (BackfillProgress p : c.backfills()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("table", p.table());
            b.put("rowsDone", p.rowsDone());
            b.put("rowsTotal", p.rowsTotal());
            b.put("percent", p.rowsTotal() == 0 ? 100 : Math.min(100, p.rowsDone() * 100 / p.rowsTotal()));
            b.put("rowsPerSecond", Math.round(p.rowsPerSecond()));
            b.put("etaSeconds", p.eta().map(java.time.Duration::toSeconds).orElse(null));
            b.put("done", p.done());
            backfills.add(b);
        }
        m.put("backfills", backfills);
        return m;
    }

    static Map<String, Object> toJson(String target, ProjectStatus status, List<StateProblem> stateProblems) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("database", target);
        List<Object> applied = new ArrayList<>();
        List<Object> pending = new ArrayList<>();
        List<Object> failed = new ArrayList<>();
        List<Object> running = new ArrayList<>();
        for (MigrationStatus e : status.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", e.version().map(Version::toString).orElse(null));
            m.put("description", e.description());
            m.put("type", e.type().name());
            if (e.state() == VersionState.PENDING) {
                pending.add(m);
                continue;
            }
            m.put("state", e.state().name());
            e.lastRow().ifPresent(r -> {
                m.put("installedOn", r.startedAt().toString());
                m.put("executionMs", r.executionMs().orElse(null));
                m.put("checksum", r.checksum().orElse(null));
                m.put("script", r.script());
            });
            switch (e.state()) {
                case FAILED -> failed.add(m);
                case RUNNING -> running.add(m);
                default -> applied.add(m);
            }
        }
        root.put("applied", applied);
        root.put("pending", pending);
        root.put("failed", failed);
        root.put("running", running);
        root.put("current", status.current().map(Version::toString).orElse(null));
        List<Object> problems = new ArrayList<>();
        for (StateProblem p : stateProblems) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", p.kind().name());
            m.put("migration", p.subject());
            m.put("message", p.message());
            problems.add(m);
        }
        root.put("problems", problems);
        return root;
    }
}
