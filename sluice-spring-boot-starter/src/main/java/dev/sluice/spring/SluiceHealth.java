package dev.sluice.spring;

import dev.sluice.migration.Version;
import dev.sluice.monitor.HealthReason;
import dev.sluice.monitor.HealthReport;
import dev.sluice.monitor.MonitorSnapshot;
import dev.sluice.monitor.SluiceMonitor;
import dev.sluice.online.OnlineChange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The health answer, in no Boot line's types: UP or DOWN by the core's rules ({@link HealthReport}, the
 * same that {@code sluice serve}'s {@code /health} gives) and the details a person reading
 * {@code /actuator/health} needs: version, pending, failed, drift, the run holding the lock, the online
 * change in progress. Each Boot line's indicator only copies this into its own {@code Health}.
 */
final class SluiceHealth {

    /** UP or DOWN and the details. */
    record Answer(boolean up, Map<String, Object> details) {
    }

    private final SluiceMonitor monitor;

    SluiceHealth(SluiceMonitor monitor) {
        this.monitor = monitor;
    }

    Answer check() {
        MonitorSnapshot s = monitor.current();
        HealthReport report = HealthReport.of(s, monitor.settings());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("database", s.database());
        s.error().ifPresent(e -> details.put("error", e));
        details.put("version", s.current().map(Version::toString).orElse("none"));
        details.put("pending", s.pending().size());
        details.put("failed", s.failed().size() + s.interrupted().size());
        details.put("drift", s.drift().state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        s.run().ifPresent(run -> details.put("running", Map.of("session", run.pid(), "since", run.since().toString())));
        s.online().ifPresent(change -> details.put("online", online(change)));
        List<Map<String, String>> reasons = report.reasons().stream().map(SluiceHealth::reason).toList();
        if (!reasons.isEmpty()) {
            details.put("reasons", reasons);
        }
        return new Answer(report.up(), details);
    }

    private static Map<String, String> reason(HealthReason r) {
        return Map.of("reason", r.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), "message", r.message());
    }

    private static Map<String, Object> online(OnlineChange change) {
        Map<String, Object> online = new LinkedHashMap<>();
        online.put("version", change.version());
        online.put("description", change.description());
        online.put("phase", change.phase());
        online.put("startedAt", change.startedAt().toString());
        online.put("inProgress", change.inProgress());
        return online;
    }
}
