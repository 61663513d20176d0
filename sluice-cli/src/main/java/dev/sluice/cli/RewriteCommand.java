package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.online.BackfillProgress;
import dev.sluice.online.BackfillSettings;
import dev.sluice.rewrite.RewriteListener;
import dev.sluice.rewrite.RewriteResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code sluice rewrite}: a change that would rewrite a large table under ACCESS EXCLUSIVE, made through a
 * shadow table instead; and the abort, rollback and cleanup of such a rewrite.
 */
@Command(name = "rewrite", description = "Rewrite a large table through a shadow table: copy in batches while a trigger"
        + " logs writes, then swap under a short lock. The old table is kept until --cleanup.")
final class RewriteCommand extends ProjectCommand {

    /** The table to rewrite: the global {@code --table}, which here does not name the history table. */
    String table;

    @Override
    void claimOptions(GlobalOptions global) {
        table = global.table;
        global.table = null;
        if (table == null || table.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "sluice rewrite needs --table TABLE, the table to rewrite (e.g. orders or app.orders)");
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--alter", paramLabel = "CLAUSES", description = "ALTER TABLE clauses for the new shape, e.g. \"ALTER COLUMN id TYPE bigint\";"
                + " or PARTITION BY RANGE (col) EVERY '1 month'; \"\" only rewrites in key order. Runs (or resumes) the rewrite to the swap.")
        String alter;

        @Option(names = "--abort", description = "Before the swap: drop the shadow, the log and the trigger; the table is as it was.")
        boolean abort;

        @Option(names = "--rollback", description = "After the swap: swap the kept old table back with the writes made since, drop the new one.")
        boolean rollback;

        @Option(names = "--cleanup", description = "After the swap: drop the kept old table, the logs and the trigger.")
        boolean cleanup;
    }

    @Mixin
    OnlineOptions copy;

    @Mixin
    RunOptions run;

    @Override
    int run(Project project) throws Exception {
        ExecutionSettings settings = run.apply(project.settings());
        Sluice sluice = project.sluice(settings);
        if (run.dryRun) {
            out().println("dry run against " + project.describeTarget() + "; nothing will change");
            if (action.alter == null) {
                throw new CliException(ExitCodes.USAGE, "--dry-run goes with --alter");
            }
            sluice.planRewrite(table, action.alter).forEach(out()::println);
            return ExitCodes.OK;
        }
        Console console = new Console(out(), terminal().quiet());
        RewriteResult result;
        if (action.abort) {
            result = sluice.abortRewrite(table, console);
        } else if (action.rollback) {
            result = sluice.rollbackRewrite(table, console);
        } else if (action.cleanup) {
            result = sluice.cleanupRewrite(table, console);
        } else {
            BackfillSettings s = copy.apply(project.config().rewriteCopy(), settings.lockTimeout());
            result = sluice.rewrite(table, action.alter, s, console);
        }
        if (!terminal().quiet()) {
            print(out(), result);
        }
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, RewriteResult r) {
        switch (r.phase()) {
            case SWAPPED -> {
                out.println("rewrote " + r.table() + " (" + r.alter() + "): " + r.rowsCopied() + " rows copied"
                        + String.format(Locale.ROOT, " at %.0f rows/s", r.rowsPerSecond())
                        + ", swapped under a " + r.longestLock().toMillis() + " ms lock");
                r.notes().forEach(n -> out.println("  " + n));
                out.println("the old table is kept as " + r.keptTable().orElse("?") + " and follows the new one's writes;");
                out.println("to undo: sluice rewrite --table " + r.table() + " --rollback; when satisfied: --cleanup");
            }
            case ABORTED -> out.println("aborted the rewrite of " + r.table() + "; the table is as it was");
            case ROLLED_BACK -> out.println("rolled back the rewrite of " + r.table() + ": the original table is live again"
                    + (r.longestLock().isZero() ? "" : " (swapped back under a " + r.longestLock().toMillis() + " ms lock)"));
            case CLEANED_UP -> out.println("cleaned up the rewrite of " + r.table() + ": the old table, the logs and the trigger are dropped");
            default -> out.println(r.table() + ": " + r.phase());
        }
    }

    /**
     * Steps, retries and the copy's progress, printed as an online change's are (at most one progress line
     * a second).
     */
    static final class Console implements RewriteListener {
        private final OnlineProgress lines;

        Console(PrintWriter out, boolean quiet) {
            this.lines = new OnlineProgress(out, quiet);
        }

        @Override
        public void step(String description) {
            lines.step(description);
        }

        @Override
        public void copyProgress(BackfillProgress p) {
            lines.progress("copy", p);
        }

        @Override
        public void retrying(String what, int attempt, Duration delay, String reason) {
            lines.retrying(what, attempt, delay, reason);
        }

        @Override
        public void notice(String message) {
            lines.notice(message);
        }
    }
}
