package dev.sluice.monitor;

import dev.sluice.history.AppliedMigration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * UP or DOWN, with every reason found; the one copy of the health rules that {@code sluice serve}'s
 * {@code /health} and the Spring Boot health indicator share.
 *
 * @param status  DOWN when any reason's kind is in {@link MonitorSettings#downOn()}
 * @param reasons every reason found, those that make it DOWN and those only reported
 */
public record HealthReport(Status status, List<HealthReason> reasons) {

    public enum Status { UP, DOWN }

    public HealthReport {
        reasons = List.copyOf(reasons);
    }

    public boolean up() {
        return status == Status.UP;
    }

    /**
     * Judges a snapshot. Rules: an unreadable database or broken files; any pending migration; a failed
     * or interrupted one; drift found by the last drift check (a check never run, or one that failed, is
     * not drift); a run holding the lock longer than {@code maxRunning}.
     */
    public static HealthReport of(MonitorSnapshot s, MonitorSettings settings) {
        List<HealthReason> reasons = new ArrayList<>();
        s.error().ifPresent(e -> reasons.add(new HealthReason(HealthReason.Kind.UNREACHABLE, e)));
        if (!s.fileProblems().isEmpty()) {
            reasons.add(new HealthReason(HealthReason.Kind.INVALID_FILES, s.fileProblems().size()
                    + " problem(s) in the migration files, first: " + s.fileProblems().get(0) + "; 'sluice validate' lists them"));
        }
        if (!s.pending().isEmpty()) {
            reasons.add(new HealthReason(HealthReason.Kind.PENDING, s.pending().size() + " migration(s) pending, first "
                    + s.pending().get(0).label() + "; 'sluice migrate' applies them"));
        }
        for (AppliedMigration f : s.failed()) {
            reasons.add(new HealthReason(HealthReason.Kind.FAILED, label(f) + " failed at " + f.finishedAt().orElse(f.startedAt())
                    + " (" + f.script() + "); fix it, then 'sluice migrate' (or 'sluice repair' where it ran outside a transaction)"));
        }
        for (AppliedMigration r : s.interrupted()) {
            reasons.add(new HealthReason(HealthReason.Kind.FAILED, label(r) + " started at " + r.startedAt()
                    + " and never finished, and no runner holds the lock; 'sluice status' says how to resolve it"));
        }
        if (s.drift().state() == DriftStatus.State.DRIFTED) {
            reasons.add(new HealthReason(HealthReason.Kind.DRIFT, "the live schema differs from what the migrations produce"
                    + s.drift().checkedAt().map(t -> " (checked " + t + ")").orElse("") + "; 'sluice drift' shows how"));
        }
        s.run().ifPresent(run -> {
            Duration running = run.runningFor(s.readAt());
            if (running.compareTo(settings.maxRunning()) > 0) {
                reasons.add(new HealthReason(HealthReason.Kind.RUNNING_TOO_LONG, "a migration run (session " + run.pid()
                        + ") has held the lock since " + run.since() + ", longer than health.max-running ("
                        + settings.maxRunning() + ")"));
            }
        });
        boolean down = reasons.stream().anyMatch(r -> settings.downOn().contains(r.kind()));
        return new HealthReport(down ? Status.DOWN : Status.UP, reasons);
    }

    private static String label(AppliedMigration row) {
        return row.version().map(v -> "V" + v).orElse("R") + " " + row.description();
    }
}
