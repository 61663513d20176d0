package dev.sluice.cli;

import dev.sluice.execution.MigrationFailedException;
import dev.sluice.execution.MigrationListener;
import dev.sluice.execution.PlanStep;
import dev.sluice.migration.Direction;
import dev.sluice.sql.SqlStatement;

import java.io.PrintWriter;

/**
 * Progress on the console: a line per migration, and with {@code --verbose} a line per statement with
 * its time. No statement text beyond its first line is printed, since literals may hold data.
 */
final class ConsoleListener implements MigrationListener {

    private final PrintWriter out;
    private final boolean verbose;

    ConsoleListener(PrintWriter out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public void stepStarted(PlanStep step) {
        out.print((step.direction() == Direction.UP ? "applying   " : "rolling back ") + step.migration().label()
                + (step.transactional() ? "" : " (autocommit)") + " ...");
        if (verbose) {
            out.println();
        }
        out.flush();
    }

    @Override
    public void statementFinished(PlanStep step, SqlStatement statement, long millis) {
        if (verbose) {
            out.println("    line " + statement.line() + " (" + millis + " ms): " + statement.summary(70));
            out.flush();
        }
    }

    @Override
    public void stepFinished(PlanStep step, long millis) {
        out.println((verbose ? "    done" : " done") + " in " + millis + " ms");
        out.flush();
    }

    @Override
    public void retrying(PlanStep step, int attempt, java.time.Duration delay, String reason) {
        out.println();
        out.println("    attempt " + attempt + " could not get its lock: " + reason);
        out.print("    retrying in " + delay.toMillis() + " ms ...");
        out.flush();
    }

    @Override
    public void notice(PlanStep step, String message) {
        out.println();
        out.print("    note: " + message + " ...");
        out.flush();
    }

    @Override
    public void stepFailed(PlanStep step, MigrationFailedException failure) {
        out.println(verbose ? "    FAILED" : " FAILED");
        out.flush();
    }
}
