package dev.sluice.cli.dashboard;

import dev.sluice.backup.BackupManifest;
import dev.sluice.history.AppliedMigration;
import dev.sluice.lint.Finding;
import dev.sluice.migration.Version;
import dev.sluice.monitor.ActiveRun;
import dev.sluice.monitor.DriftStatus;
import dev.sluice.monitor.HealthReason;
import dev.sluice.monitor.HealthReport;
import dev.sluice.monitor.MonitorSettings;
import dev.sluice.monitor.MonitorSnapshot;
import dev.sluice.monitor.PendingMigration;
import dev.sluice.online.BackfillProgress;
import dev.sluice.online.OnlineChange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A snapshot as the JSON of each dashboard view. Rendering only: every figure and verdict is the
 * snapshot's or {@link HealthReport}'s. Times are ISO-8601 instants, durations milliseconds.
 */
public final class SnapshotJson {

    /** The views, in the order the page shows them; each is an endpoint {@code /api/databases/<name>/<view>}. */
    public static final List<String> VIEWS = List.of("overview", "pending", "history", "runs", "drift", "backup", "online", "health");

    private SnapshotJson() {
    }

    public static Object view(String view, String name, MonitorSnapshot s, MonitorSettings settings) {
        return switch (view) {
            case "overview" -> overview(name, s, settings);
            case "pending" -> s.pending().stream().map(SnapshotJson::pending).toList();
            case "history" -> s.history().stream().map(SnapshotJson::row).toList();
            case "runs" -> runs(s);
            case "drift" -> drift(s.drift());
            case "backup" -> s.backup().map(b -> backup(b, s)).orElse(null);
            case "online" -> s.online().map(SnapshotJson::online).orElse(null);
            case "health" -> health(HealthReport.of(s, settings), settings);
            default -> throw new IllegalArgumentException(view);
        };
    }

    /** Every view of one database in one object, keyed by view. */
    public static Map<String, Object> all(String name, MonitorSnapshot s, MonitorSettings settings) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String view : VIEWS) {
            all.put(view, view(view, name, s, settings));
        }
        return all;
    }

    static Map<String, Object> overview(String name, MonitorSnapshot s, MonitorSettings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("database", s.database());
        m.put("readAt", s.readAt().toString());
        m.put("error", s.error().orElse(null));
        m.put("fileProblems", s.fileProblems());
        m.put("current", s.current().map(Version::toString).orElse(null));
        m.put("pending", s.pending().size());
        m.put("lastSuccessAt", s.lastSuccessAt().map(Instant::toString).orElse(null));
        m.put("lastDurationMs", s.lastDuration().map(d -> d.toMillis()).orElse(null));
        m.put("failed", s.failed().size() + s.interrupted().size());
        m.put("failures", s.failures());
        m.put("running", s.run().isPresent());
        m.put("drift", s.drift().state().name());
        m.put("backupAgeSeconds", s.backupAge().map(d -> d.toSeconds()).orElse(null));
        m.put("onlineInProgress", s.online().isPresent());
        m.put("health", HealthReport.of(s, settings).status().name());
        m.put("queries", s.queries());
        m.put("readTimeMs", s.readTime().toMillis());
        return m;
    }

    private static Map<String, Object> pending(PendingMigration p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", p.version().map(Version::toString).orElse(null));
        m.put("description", p.description());
        m.put("script", p.script());
        m.put("type", p.type().name());
        m.put("linted", p.linted());
        m.put("verdict", p.linted() ? p.verdict().map(v -> v.name().toLowerCase(Locale.ROOT)).orElse("clean") : "not linted");
        List<Object> findings = new ArrayList<>();
        for (Finding f : p.findings()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("line", f.line());
            fm.put("rule", f.rule());
            fm.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            fm.put("message", f.message());
            findings.add(fm);
        }
        m.put("findings", findings);
        return m;
    }

    private static Map<String, Object> row(AppliedMigration r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", r.rank());
        m.put("version", r.version().map(Version::toString).orElse(null));
        m.put("description", r.description());
        m.put("type", r.type().name());
        m.put("script", r.script());
        m.put("state", r.state().name());
        m.put("installedBy", r.installedBy());
        m.put("startedAt", r.startedAt().toString());
        m.put("finishedAt", r.finishedAt().map(Instant::toString).orElse(null));
        m.put("executionMs", r.executionMs().orElse(null));
        return m;
    }

    private static Map<String, Object> runs(MonitorSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", s.run().map(r -> run(r, s.readAt())).orElse(null));
        m.put("failed", s.failed().stream().map(SnapshotJson::row).toList());
        m.put("interrupted", s.interrupted().stream().map(SnapshotJson::row).toList());
        m.put("problems", s.problems().stream().map(p -> Map.of("kind", p.kind().name(), "subject", p.subject(),
                "message", p.message())).toList());
        return m;
    }

    private static Map<String, Object> run(ActiveRun r, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", r.pid());
        m.put("since", r.since().toString());
        m.put("runningMs", r.runningFor(now).toMillis());
        m.put("statement", r.statement().orElse(null));
        m.put("statementSince", r.statementSince().map(Instant::toString).orElse(null));
        return m;
    }

    private static Map<String, Object> drift(DriftStatus d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", d.state().name());
        m.put("checkedAt", d.checkedAt().map(Instant::toString).orElse(null));
        m.put("mode", d.mode().map(x -> x.name().toLowerCase(Locale.ROOT)).orElse(null));
        m.put("message", d.message());
        m.put("diff", d.diff());
        return m;
    }

    private static Map<String, Object> backup(BackupManifest b, MonitorSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("kind", b.kind().name());
        m.put("reason", b.reason());
        m.put("createdAt", b.createdAt().toString());
        m.put("ageSeconds", s.backupAge().map(d -> d.toSeconds()).orElse(null));
        return m;
    }

    private static Map<String, Object> online(OnlineChange o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", o.version());
        m.put("description", o.description());
        m.put("script", o.script());
        m.put("phase", o.phase());
        m.put("startedAt", o.startedAt().toString());
        m.put("oldSchema", o.oldSchema());
        m.put("newSchema", o.newSchema());
        List<Object> backfills = new ArrayList<>();
        for (BackfillProgress b : o.backfills()) {
            Map<String, Object> bm = new LinkedHashMap<>();
            bm.put("table", b.table());
            bm.put("rowsDone", b.rowsDone());
            bm.put("rowsTotal", b.rowsTotal());
            bm.put("rowsPerSecond", Math.round(b.rowsPerSecond() * 10) / 10.0);
            bm.put("done", b.done());
            bm.put("etaSeconds", b.eta().map(d -> d.toSeconds()).orElse(null));
            backfills.add(bm);
        }
        m.put("backfills", backfills);
        return m;
    }

    public static Map<String, Object> health(HealthReport h, MonitorSettings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", h.status().name());
        List<Object> reasons = new ArrayList<>();
        for (HealthReason r : h.reasons()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("kind", r.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            rm.put("down", settings.downOn().contains(r.kind()));
            rm.put("message", r.message());
            reasons.add(rm);
        }
        m.put("reasons", reasons);
        return m;
    }
}
