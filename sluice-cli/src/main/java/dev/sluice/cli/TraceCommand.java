package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.TraceReport;
import dev.sluice.db.ConnectionFactory;
import dev.sluice.json.Json;

import dev.sluice.migration.MigrationCatalog;
import dev.sluice.postgres.ScratchDatabases;
import dev.sluice.report.FindingFormats;
import dev.sluice.trace.MigrationTrace;
import dev.sluice.trace.RelationLock;
import dev.sluice.trace.StatementTrace;
import dev.sluice.trace.TraceFinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice trace}: applies every migration to a throwaway PostgreSQL and reports, per statement,
 * which locks it really took, what they block, what it rewrote, and how long the locks were held.
 */
@Command(name = "trace", description = "Run the migrations on a throwaway database and report the locks and rewrites each statement causes.")
final class TraceCommand extends ProjectCommand {

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin
    ScratchServerOptions scratchServer = new ScratchServerOptions();

    @Override
    int run(Project project) throws Exception {
        MigrationCatalog catalog = project.catalog();
        TraceReport report;
        String where;
        try (ScratchDatabases scratch = scratchServer.start(project);
             ProgressLine progress = new ProgressLine(out(), terminal(), "tracing")) {
            ConnectionFactory db = scratch.newDatabase("trace").connections();
            report = new Sluice(project.optionsFor(db)).trace(catalog, db, progress);
            where = scratch.describe();
        }
        if (json) {
            out().println(Json.write(toJson(report)));
        } else {
            print(report, where);
        }
        return report.hasErrors() ? ExitCodes.LINT_FAILED : ExitCodes.OK;
    }

    private void print(TraceReport report, String where) {
        out().println("traced on " + where);
        for (MigrationTrace t : report.migrations()) {
            out().println();
            out().println(t.script() + (t.transactional() ? "" : "  (autocommit: locks end with each statement)"));
            for (StatementTrace s : t.statements()) {
                out().println("  line " + s.line() + " (" + s.millis() + " ms): " + s.summary());
                for (RelationLock l : s.locks()) {
                    out().println("      lock    " + l);
                }
                s.rewritten().forEach(r -> out().println("      rewrote " + r));
                s.created().forEach(r -> out().println("      created " + r));
                s.dropped().forEach(r -> out().println("      dropped " + r));
            }
            for (TraceFinding f : t.findings()) {
                out().println("  " + FindingFormats.of(f).format());
            }
        }
        if (!report.untraced().isEmpty()) {
            out().println();
            out().println("ran untraced, through their own runners: " + String.join(", ", report.untraced()));
            out().println("  (online changes and rewrites; docs/online.md and docs/rewrite.md list their locks)");
        }
    }

    private static Map<String, Object> toJson(TraceReport report) {
        List<Object> migrations = new ArrayList<>();
        List<Object> findings = new ArrayList<>();
        for (MigrationTrace t : report.migrations()) {
            List<Object> statements = new ArrayList<>();
            for (StatementTrace s : t.statements()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", s.line());
                m.put("statement", s.summary());
                m.put("ms", s.millis());
                m.put("traced", s.traced());
                List<Object> locks = new ArrayList<>();
                for (RelationLock l : s.locks()) {
                    Map<String, Object> lock = new LinkedHashMap<>();
                    lock.put("relation", l.relation());
                    lock.put("kind", l.kind());
                    lock.put("mode", l.mode().sqlName());
                    lock.put("blocks", l.mode().blocks());
                    lock.put("heldMs", l.heldMillis());
                    locks.add(lock);
                }
                m.put("locks", locks);
                m.put("rewritten", s.rewritten());
                m.put("created", s.created());
                m.put("dropped", s.dropped());
                statements.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("script", t.script());
            m.put("transactional", t.transactional());
            m.put("statements", statements);
            migrations.add(m);
            for (TraceFinding f : t.findings()) {
                findings.add(FindingFormats.json(FindingFormats.of(f)));
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("migrations", migrations);
        root.put("untraced", report.untraced());
        root.put("findings", findings);
        return root;
    }
}
