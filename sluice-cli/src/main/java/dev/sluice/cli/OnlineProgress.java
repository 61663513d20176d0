package dev.sluice.cli;

import dev.sluice.migration.DurationText;
import dev.sluice.online.BackfillProgress;
import dev.sluice.online.OnlineChange;
import dev.sluice.online.OnlineListener;
import dev.sluice.online.OnlineStep;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Prints an online change's steps and its backfill's progress (rows, rows/s, what is left), at most one
 * progress line a second so a long backfill does not flood a log; the last line always shows.
 */
final class OnlineProgress implements OnlineListener {

    private final PrintWriter out;
    private final boolean quiet;
    private long lastLine;

    OnlineProgress(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public void stepStarted(String phase, OnlineStep step) {
        step(phase + ": " + step.description());
    }

    @Override
    public void backfillProgress(BackfillProgress p) {
        progress("backfill", p);
    }

    /**
     * A progress line of {@code what} ("backfill", "copy"), at most one a second; the last always shows.
     * The total is the planner's estimate, so the line says "about".
     */
    void progress(String what, BackfillProgress p) {
        long now = System.nanoTime();
        if (quiet || (!p.done() && now - lastLine < 1_000_000_000L)) {
            return;
        }
        lastLine = now;
        out.println(line(what, p));
        out.flush();
    }

    /** A step's description, unless quiet. */
    void step(String description) {
        if (!quiet) {
            out.println(description);
            out.flush();
        }
    }

    @Override
    public void backfillThrottled(String table, String reason, Duration wait) {
        long now = System.nanoTime();
        if (quiet || now - lastLine < 1_000_000_000L) {
            return;
        }
        lastLine = now;
        out.println("backfill " + table + ": throttled: " + reason + "; looking again every " + DurationText.format(wait));
        out.flush();
    }

    static String line(BackfillProgress p) {
        return line("backfill", p);
    }

    static String line(String what, BackfillProgress p) {
        long percent = p.rowsTotal() == 0 ? 100 : Math.min(100, p.rowsDone() * 100 / p.rowsTotal());
        return what + " " + p.table() + ": " + p.rowsDone() + " of about " + p.rowsTotal()
                + " rows (" + percent + "%)"
                + (p.rowsPerSecond() > 0 ? String.format(java.util.Locale.ROOT, ", %.0f rows/s", p.rowsPerSecond()) : "")
                + (p.done() ? ", done" : p.eta().map(d -> ", about " + DurationText.format(round(d)) + " left").orElse(""));
    }

    private static Duration round(Duration d) {
        return Duration.ofSeconds(Math.max(1, d.toSeconds()));
    }

    @Override
    public void retrying(String what, int attempt, Duration delay, String reason) {
        out.println("retrying " + what + " (attempt " + (attempt + 1) + ") in " + DurationText.format(delay) + ": "
                + reason.lines().findFirst().orElse(""));
        out.flush();
    }

    @Override
    public void notice(String message) {
        out.println("note: " + message);
        out.flush();
    }

    /** What an application of each version sets, printed after start. */
    static void printVersions(PrintWriter out, OnlineChange change) {
        out.println("started V" + change.version() + " " + change.description() + ": two versions are live");
        out.println("  old version: search_path " + change.oldSchema() + " (unchanged)");
        out.println("  new version: set search_path to " + change.newSchema() + ", " + change.oldSchema());
        out.println("when no old client is left: sluice complete; to abort: sluice rollback");
    }
}
