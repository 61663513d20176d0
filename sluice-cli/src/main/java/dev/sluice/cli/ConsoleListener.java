package dev.sluice.cli;

import dev.sluice.execution.MigrationFailedException;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.PlanStep;
import dev.sluice.migration.Direction;
import dev.sluice.migration.DurationText;
import dev.sluice.sql.SqlStatement;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Progress on the console, one line per migration in aligned columns (what happened, the migration, its
 * time). On a terminal the running migration's line is shown while it runs, with a progress bar, the
 * elapsed time and an estimate of what is left, redrawn every second, and replaced by its result; in a
 * log (no terminal) every line is whole and written once, when there is something to say. {@code --verbose}
 * adds a line per statement with its time; {@code --quiet} leaves only retries and notices. No statement
 * text beyond its first line is printed, since literals may hold data.
 *
 * <p>Hazard: the executor calls it from its own thread while the ticker redraws from another; every
 * method that writes is synchronized.
 */
final class ConsoleListener implements MigrationListener, AutoCloseable {

    /** Wide enough for the longest verb, "rolled back" / "rolling back". */
    private static final int VERB_WIDTH = 12;

    private final PrintWriter out;
    private final boolean verbose;
    private final Terminal terminal;
    private int labelWidth;
    private int total;
    private final ScheduledExecutorService ticker;
    private int done;
    private long doneMillis;
    /** On a terminal: the running step, whose line is drawn and not yet ended. */
    private PlanStep open;
    /** When the running step started (System.nanoTime). */
    private long openSince;

    /**
     * A listener for a run: the widest label of the catalog sets the column, and on a terminal the plan the
     * run announces ({@link #planned}) sets it and the bar's length instead.
     */
    static ConsoleListener forRun(PrintWriter out, boolean verbose, Terminal terminal, dev.sluice.Sluice sluice) {
        var catalog = sluice.catalog();
        int width = java.util.stream.Stream.concat(catalog.versioned().stream(), catalog.repeatable().stream())
                .mapToInt(m -> m.label().length()).max().orElse(0);
        return new ConsoleListener(out, verbose, terminal, width, 0);
    }

    /** On a terminal, the run's plan sizes the bar and the columns; read under the lock, it is the one that runs. */
    @Override
    public synchronized void planned(dev.sluice.execution.MigrationPlan plan) {
        if (terminal.interactive() && !terminal.quiet()) {
            java.util.List<PlanStep> steps = plan.steps();
            labelWidth = steps.stream().mapToInt(s -> s.migration().label().length()).max().orElse(0);
            total = steps.size();
        }
    }

    /**
     * @param labelWidth the widest migration label the run may print, for the columns (0: unknown)
     * @param total      how many migrations the run has, for the bar and the estimate (0: unknown)
     */
    ConsoleListener(PrintWriter out, boolean verbose, Terminal terminal, int labelWidth, int total) {
        this.out = out;
        this.verbose = verbose;
        this.terminal = terminal;
        this.labelWidth = labelWidth;
        this.total = total;
        if (terminal.interactive() && !terminal.quiet()) {
            ticker = ProgressBar.ticker(this::redraw);
        } else {
            ticker = null;
        }
    }

    private String columns(String verb, PlanStep step, String time) {
        String label = step.migration().label();
        return pad(verb, VERB_WIDTH) + " " + pad(label, Math.max(labelWidth, label.length())) + "  " + time
                + (step.transactional() ? "" : "  (autocommit)");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String millis(long ms) {
        return String.format("%7s", ms + " ms");
    }

    @Override
    public synchronized void stepStarted(PlanStep step) {
        openSince = System.nanoTime();
        if (terminal.interactive() && !terminal.quiet()) {
            open = step;
            draw();
        }
    }

    /** The running step's line with the bar: {@code applying  V3 add index  [####----] 2/4  12s, about 20s left}. */
    private void draw() {
        long elapsed = (System.nanoTime() - openSince) / 1_000_000;
        StringBuilder line = new StringBuilder(columns(open.direction() == Direction.UP ? "applying" : "rolling back", open,
                String.format("%7s", elapsed / 1000 + " s")));
        line.append(ProgressBar.of(done, total, doneMillis, elapsed));
        out.print("\r\033[K" + terminal.dim(line.toString()));
        out.flush();
    }

    private synchronized void redraw() {
        if (open != null) {
            draw();
        }
    }

    @Override
    public void statementFinished(PlanStep step, SqlStatement statement, long millis) {
        if (verbose) {
            line("    line " + statement.line() + " (" + millis + " ms): " + statement.summary(70));
        }
    }

    @Override
    public void retrying(PlanStep step, int attempt, Duration delay, String reason) {
        line(terminal.yellow("    " + step.migration().label() + ": attempt " + attempt + " could not get its lock: " + reason));
        line(delay.isZero() ? "    retrying as soon as that transaction has ended (waiting without a lock request)"
                : "    retrying in " + delay.toMillis() + " ms");
    }

    @Override
    public void notice(PlanStep step, String message) {
        line(terminal.yellow("    note: " + message));
    }

    @Override
    public void reconnecting(String reason, Duration wait) {
        line(terminal.yellow("    " + reason));
        line("    waiting up to " + DurationText.format(wait) + " for the server to come back, then going on from what committed");
    }

    @Override
    public synchronized void stepFinished(PlanStep step, long millis) {
        done++;
        doneMillis += millis;
        if (terminal.quiet()) {
            return;
        }
        end(terminal.green(columns(step.direction() == Direction.UP ? "applied" : "rolled back", step, millis(millis))));
    }

    @Override
    public synchronized void stepFailed(PlanStep step, MigrationFailedException failure) {
        end(terminal.red(columns("FAILED", step, millis((System.nanoTime() - openSince) / 1_000_000))));
    }

    /** The step's result line, replacing its progress line on a terminal. */
    private void end(String text) {
        if (open != null) {
            out.print("\r\033[K");
            open = null;
        }
        out.println(text);
        out.flush();
    }

    /** A whole line; on a terminal it goes above the running step's line, which is drawn again below it. */
    private synchronized void line(String text) {
        if (open != null) {
            out.print("\r\033[K");
        }
        out.println(text);
        if (open != null) {
            draw();
        }
        out.flush();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
