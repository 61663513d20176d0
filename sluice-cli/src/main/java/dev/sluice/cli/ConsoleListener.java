package dev.sluice.cli;

import dev.sluice.execution.MigrationFailedException;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.PlanStep;
import dev.sluice.migration.Direction;
import dev.sluice.migration.DurationText;
import dev.sluice.sql.SqlStatement;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress on the console. On a terminal, a migration's line appears when it starts and is finished
 * when it ends, so a long index build shows what is running; in a log (no terminal) every line is
 * whole and written once, when there is something to say. {@code --verbose} adds a line per statement
 * with its time. No statement text beyond its first line is printed, since literals may hold data.
 */
final class ConsoleListener implements MigrationListener {

    private final PrintWriter out;
    private final boolean verbose;
    private final boolean interactive;
    /** On a terminal: whether a started line still waits for its end. */
    private boolean open;

    ConsoleListener(PrintWriter out, boolean verbose) {
        this(out, verbose, System.console() != null);
    }

    ConsoleListener(PrintWriter out, boolean verbose, boolean interactive) {
        this.out = out;
        this.verbose = verbose;
        this.interactive = interactive;
    }

    private static String verb(PlanStep step, boolean done) {
        if (step.direction() == Direction.UP) {
            return done ? "applied    " : "applying   ";
        }
        return done ? "rolled back " : "rolling back ";
    }

    private static String what(PlanStep step) {
        return step.migration().label() + (step.transactional() ? "" : " (autocommit)");
    }

    @Override
    public void stepStarted(PlanStep step) {
        if (interactive) {
            out.print(verb(step, false) + what(step) + " ...");
            open = true;
            out.flush();
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
        line("    " + step.migration().label() + ": attempt " + attempt + " could not get its lock: " + reason);
        line(delay.isZero() ? "    retrying as soon as that transaction has ended (waiting without a lock request)"
                : "    retrying in " + delay.toMillis() + " ms");
    }

    @Override
    public void notice(PlanStep step, String message) {
        line("    note: " + message);
    }

    @Override
    public void reconnecting(String reason, Duration wait) {
        line("    " + reason);
        line("    waiting up to " + DurationText.format(wait) + " for the server to come back, then going on from what committed");
    }

    @Override
    public void stepFinished(PlanStep step, long millis) {
        if (open) {
            out.println(" done in " + millis + " ms");
            open = false;
        } else {
            out.println(verb(step, true) + what(step) + " in " + millis + " ms");
        }
        out.flush();
    }

    @Override
    public void stepFailed(PlanStep step, MigrationFailedException failure) {
        if (open) {
            out.println(" FAILED");
            open = false;
        } else {
            out.println("FAILED     " + what(step));
        }
        out.flush();
    }

    /** A whole line; on a terminal it first ends a migration line that is still open. */
    private void line(String text) {
        if (open) {
            out.println();
            open = false;
        }
        out.println(text);
        out.flush();
    }
}
