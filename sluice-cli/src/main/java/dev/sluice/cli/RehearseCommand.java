package dev.sluice.cli;

import dev.sluice.json.Json;

import dev.sluice.Sluice;
import dev.sluice.postgres.ScratchDatabases;
import dev.sluice.progress.Progress;
import dev.sluice.rehearsal.MigrationRehearsal;
import dev.sluice.rehearsal.RehearsalReport;
import dev.sluice.rehearsal.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code sluice rehearse}: every migration up, down and up again on a scratch database, with the proof that each down restores. */
@Command(name = "rehearse", description = "Apply, roll back and re-apply every migration on a throwaway database and "
        + "prove that each down restores the schema and the rows.")
final class RehearseCommand extends ProjectCommand {

    @Mixin
    ScratchOptions scratch;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    int run(Project project) throws Exception {
        RehearsalReport report;
        String where;
        try (ScratchDatabases server = scratch.server.start(project)) {
            where = server.describe();
            try (ProgressLine progress = new ProgressLine(out(), terminal(), "rehearsing")) {
                report = rehearse(project, server, scratch, progress);
            }
        }
        if (json) {
            out().println(Json.write(toJson(report)));
        } else {
            print(out(), report, where);
        }
        return report.passed() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    static RehearsalReport rehearse(Project project, ScratchDatabases server, ScratchOptions options, Progress progress)
            throws Exception {
        var target = server.newDatabase("rehearse").connections();
        return new Sluice(project.optionsFor(target)).rehearse(target, Optional.of(options.seedFolder(project)),
                options.irreversibleIsError(project), progress);
    }

    static void print(java.io.PrintWriter out, RehearsalReport report, String where) {
        out.println("rehearsed on " + where);
        // Columns: verdict, migration, [script], time; as wide as the widest of each.
        int label = report.migrations().stream().mapToInt(m -> m.label().length()).max().orElse(0);
        int script = report.migrations().stream().mapToInt(m -> m.script().length()).max().orElse(0) + 2;
        for (MigrationRehearsal m : report.migrations()) {
            String mark = switch (m.verdict()) {
                case PASSED -> "ok  ";
                case IRREVERSIBLE -> report.irreversibleIsError() ? "FAIL" : "warn";
                case SKIPPED -> "skip";
                case FAILED -> "FAIL";
            };
            String line = mark + " " + String.format("%-" + label + "s  %-" + script + "s", m.label(), "[" + m.script() + "]")
                    + (m.verdict() == Verdict.SKIPPED ? "" : String.format("  %7s", m.millis() + " ms"));
            out.println(line.stripTrailing());
            for (String p : m.problems()) {
                out.println("       " + p.replace("\n", "\n       "));
            }
        }
        long failed = report.migrations().stream().filter(m -> m.verdict() == Verdict.FAILED).count();
        out.println(report.passed() ? "every down restores what its up changed"
                : failed + " migration" + (failed == 1 ? "" : "s") + " failed rehearsal");
    }

    static Map<String, Object> toJson(RehearsalReport report) {
        List<Object> migrations = new ArrayList<>();
        for (MigrationRehearsal m : report.migrations()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("migration", m.label());
            e.put("script", m.script());
            e.put("verdict", m.verdict().name());
            e.put("ms", m.millis());
            e.put("problems", m.problems());
            migrations.add(e);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("passed", report.passed());
        root.put("migrations", migrations);
        return root;
    }
}
