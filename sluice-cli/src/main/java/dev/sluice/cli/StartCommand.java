package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sluice start}: starts the next pending migration, an online one: the new version's views,
 * columns and sync triggers in one short transaction, then the backfill. Run again, it resumes a backfill
 * that was stopped.
 */
@Command(name = "start", description = "Start the next online change (V<version>__<description>.yaml): both versions live, backfill.")
final class StartCommand extends ProjectCommand {

    @Mixin
    RunOptions run;

    @Mixin
    OnlineOptions online;

    @Override
    int run(Project project) throws Exception {
        ExecutionSettings settings = run.apply(project.settings());
        Sluice sluice = project.sluice(settings);
        if (run.dryRun) {
            out().println("dry run against " + project.describeTarget() + "; nothing will change");
            sluice.planStart().describe().forEach(out()::println);
            return ExitCodes.OK;
        }
        BackfillSettings backfill = online.apply(BackfillSettings.defaults(), settings.lockTimeout());
        OnlineChange change = sluice.start(backfill, new OnlineProgress(out(), terminal().quiet()));
        if (!terminal().quiet()) {
            OnlineProgress.printVersions(out(), change);
        }
        return ExitCodes.OK;
    }
}
