package dev.sluice.cli;

import dev.sluice.progress.PhaseProgress;

import java.io.PrintWriter;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A progress line for long work on a terminal: what is running, for how long, a bar and an estimate of the
 * time left, redrawn every second and cleared when the work ends, so the command's own report follows on a
 * clean line. Off a terminal, or with {@code --quiet}, it draws nothing: a log gets whole lines only, and
 * the command's report says what happened.
 *
 * <p>Hazard: the work reports from its own thread (pg_dump's output is read on another), while the ticker
 * redraws from a third; every method that writes is synchronized.
 */
final class ProgressLine implements PhaseProgress {

    private final PrintWriter out;
    private final Terminal terminal;
    private final String verb;
    private final ScheduledExecutorService ticker;
    private String item;
    private int done;
    private int total;
    private long doneMillis;
    private long itemSince;
    private boolean drawn;

    /** @param verb what the work does, e.g. "rehearsing" */
    ProgressLine(PrintWriter out, Terminal terminal, String verb) {
        this.out = out;
        this.terminal = terminal;
        this.verb = verb;
        if (terminal.interactive() && !terminal.quiet()) {
            ticker = ProgressBar.ticker(this::draw);
        } else {
            ticker = null;
        }
    }

    @Override
    public synchronized void started(String item, int done, int total) {
        this.item = item;
        this.done = done;
        this.total = total;
        this.itemSince = System.nanoTime();
        draw();
    }

    @Override
    public synchronized void finished(String item, int done, int total, long millis) {
        this.done = done;
        this.total = total;
        this.doneMillis += millis;
    }

    private synchronized void draw() {
        if (ticker == null || item == null) {
            return;
        }
        long current = (System.nanoTime() - itemSince) / 1_000_000;
        out.print("\r\033[K" + terminal.dim(verb + " " + item + "  " + current / 1000 + " s"
                + ProgressBar.of(done, total, doneMillis, current)));
        out.flush();
        drawn = true;
    }

    /** Stops redrawing and clears the line. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (drawn) {
            out.print("\r\033[K");
            out.flush();
            drawn = false;
        }
        item = null;
    }
}
