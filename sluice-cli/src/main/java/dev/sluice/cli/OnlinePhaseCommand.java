package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineChange;
import picocli.CommandLine.Mixin;

/**
 * What {@code start} and {@code complete} share: the run and backfill options, and a dry run that prints the
 * change's plan (every phase, with its transaction and lock decisions) and changes nothing.
 */
abstract class OnlinePhaseCommand extends ProjectCommand {

    @Mixin
    RunOptions run;

    @Mixin
    OnlineOptions online;

    @Override
    final int run(Project project) throws Exception {
        ExecutionSettings settings = run.apply(project.settings());
        Sluice sluice = project.sluice(settings);
        if (run.dryRun) {
            out().println("dry run against " + project.describeTarget() + "; nothing will change");
            sluice.planStart().describe().forEach(out()::println);
            return ExitCodes.OK;
        }
        BackfillSettings backfill = online.apply(project.config().backfill(), settings.lockTimeout());
        OnlineChange change = phase(sluice, backfill, new OnlineProgress(out(), terminal().quiet()));
        if (!terminal().quiet()) {
            report(change);
        }
        return ExitCodes.OK;
    }

    /** Runs the phase. */
    abstract OnlineChange phase(Sluice sluice, BackfillSettings backfill, OnlineProgress progress) throws Exception;

    /** Says what the phase left, unless --quiet. */
    abstract void report(OnlineChange change);
}
