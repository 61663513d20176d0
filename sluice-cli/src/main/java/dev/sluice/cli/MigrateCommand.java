package dev.sluice.cli;

import dev.sluice.MigrateResult;
import dev.sluice.BeforeRun;
import dev.sluice.Sluice;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.execution.MigrationPlan;
import dev.sluice.lint.GateReport;
import dev.sluice.migration.MigrationProblem;
import dev.sluice.migration.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;

/** {@code sluice migrate}: applies pending migrations in order, each with its history row in one transaction. */
@Command(name = "migrate", description = "Apply pending migrations.")
final class MigrateCommand extends ProjectCommand {

    @Option(names = "--target", paramLabel = "VERSION", description = "Stop after this version.")
    String target;

    @Option(names = "--out-of-order", description = "Apply pending migrations older than the current version instead of refusing.")
    boolean outOfOrder;

    @Option(names = "--no-lint", description = "Do not lint the migrations about to run (the lint stops the run on an error by default).")
    boolean noLint;

    @Option(names = "--backup", description = "Take a full backup (and copies of the tables pending migrations drop "
            + "or rewrite) before anything runs; config: backup-before-migrate.")
    boolean backup;

    @Option(names = "--preflight", description = "Run the doctor checklist first and stop on a failed check.")
    boolean preflight;

    @Option(names = "--complete", description = "Complete each online change right after its start, and go on"
            + " (without it the run stops after starting one).")
    boolean complete;

    @Mixin
    RunOptions run;

    @Mixin
    OnlineOptions online;

    @Override
    int run(Project project) throws Exception {
        ExecutionSettings settings = run.apply(project.settings()).withOutOfOrder(outOfOrder);
        Sluice sluice = project.sluice(settings, project.lintSettings().withBeforeMigrate(!noLint));
        Optional<Version> to = Optional.ofNullable(target).map(VersionArgument::parse);
        for (MigrationProblem w : sluice.catalog().warnings()) {
            err().println("warning: " + w);
        }
        if (run.dryRun) {
            MigrationPlan plan = sluice.planMigrate(to);
            out().println("dry run against " + project.describeTarget() + "; nothing will change");
            plan.describe().forEach(out()::println);
            return printGate(sluice, plan, out());
        }
        boolean backupFirst = BackupBeforeMigrate.wanted(project, backup);
        // The pre-flight and the backup judge and save for the run's own plan: the facade hands it over
        // under the migration lock, after the lint gate passed, and runs exactly that plan afterwards.
        BeforeRun beforeRun = plan -> {
            if (preflight && !DoctorCommand.preflight(project, sluice, plan, to, backupFirst, out(), terminal())) {
                throw new PreflightFailed();
            }
            if (backupFirst) {
                BackupBeforeMigrate.run(project, sluice, plan, to, out(), terminal());
            }
        };
        MigrateResult result;
        try (ConsoleListener progress = ConsoleListener.forRun(out(), run.verbose, terminal(), sluice)) {
            result = sluice.migrate(to, true, complete, online.apply(project.config().backfill(),
                    settings.lockTimeout()), progress, new OnlineProgress(out(), terminal().quiet()), beforeRun,
                    new RewriteCommand.Console(out(), terminal().quiet()));
        } catch (PreflightFailed failed) {
            return ExitCodes.CHECK_FAILED;
        }
        if (preflight && result.steps().isEmpty() && result.online().isEmpty()) {
            out().println("preflight skipped: no pending migration");
        }
        if (backupFirst && result.steps().isEmpty() && result.online().isEmpty()) {
            out().println("backup skipped: no pending migration");
        }
        if (terminal().quiet()) {
            return ExitCodes.OK;
        }
        for (dev.sluice.online.OnlineChange change : result.online()) {
            if (change.inProgress()) {
                OnlineProgress.printVersions(out(), change);
            } else {
                out().println("completed online change V" + change.version() + " " + change.description());
            }
        }
        for (dev.sluice.rewrite.RewriteResult r : result.rewrites()) {
            printRewrite(out(), r);
        }
        if (result.steps().isEmpty() && result.online().isEmpty() && result.rewrites().isEmpty()) {
            out().println("database is up to date at version " + result.after().map(Version::toString).orElse("none"));
        } else {
            int applied = result.steps().size() + result.rewrites().size();
            out().println("applied " + applied + " migration" + (applied == 1 ? "" : "s")
                    + "; database now at version " + result.after().map(Version::toString).orElse("none")
                    + " (was " + result.before().map(Version::toString).orElse("empty") + ")");
        }
        return ExitCodes.OK;
    }

    /** A {@code -- sluice:rewrite} migration swapped in: undone by {@code sluice rollback}, ended by {@code --cleanup}. */
    static void printRewrite(java.io.PrintWriter out, dev.sluice.rewrite.RewriteResult r) {
        out.println("rewrote " + r.table() + " (" + r.alter() + "): " + r.rowsCopied() + " rows copied, swapped under a "
                + r.longestLock().toMillis() + " ms lock");
        r.notes().forEach(n -> out.println("  " + n));
        out.println("the old table is kept" + r.keptTable().map(t -> " as " + t).orElse("") + "; to undo: sluice rollback;"
                + " when satisfied: sluice rewrite --table " + r.table() + " --cleanup");
    }

    /** The pre-flight failed and printed why; the run stops before its first statement. */
    private static final class PreflightFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PreflightFailed() {
            super("preflight failed", null, false, false);
        }
    }

    /**
     * Prints what the lint gate decides about the plan and why; a dry run whose gate blocks exits with
     * the code the real run would give.
     */
    static int printGate(Sluice sluice, MigrationPlan plan, java.io.PrintWriter out) throws java.sql.SQLException {
        if (plan.isEmpty()) {
            return ExitCodes.OK;
        }
        Optional<GateReport> gate = sluice.lintGate(plan);
        if (gate.isEmpty()) {
            out.println("lint gate: off (--no-lint)");
            return ExitCodes.OK;
        }
        gate.get().describe().forEach(out::println);
        return gate.get().blocks() ? ExitCodes.LINT_FAILED : ExitCodes.OK;
    }
}
