package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.execution.ExecutionSettings;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sluice complete}: ends the online change in progress. The old version's shape is removed, so run
 * it once no client of the old version is left.
 */
@Command(name = "complete", description = "Complete the online change in progress: remove the old version's shape.")
final class CompleteCommand extends ProjectCommand {

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
        OnlineChange change = sluice.complete(backfill, new OnlineProgress(out(), terminal().quiet()));
        if (!terminal().quiet()) {
            out().println("completed V" + change.version() + " " + change.description() + "; the tables now have the new shape,"
                    + " in " + change.oldSchema() + " (schema " + change.newSchema() + " is gone; a search_path naming it still works)");
        }
        return ExitCodes.OK;
    }
}
