package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineChange;
import picocli.CommandLine.Command;

/**
 * {@code sluice complete}: ends the online change in progress. The old version's shape is removed, so run
 * it once no client of the old version is left.
 */
@Command(name = "complete", description = "Complete the online change in progress: remove the old version's shape.")
final class CompleteCommand extends OnlinePhaseCommand {

    @Override
    OnlineChange phase(Sluice sluice, BackfillSettings backfill, OnlineProgress progress) throws Exception {
        return sluice.complete(backfill, progress);
    }

    @Override
    void report(OnlineChange change) {
        out().println("completed V" + change.version() + " " + change.description() + "; the tables now have the new shape,"
                + " in " + change.oldSchema() + " (schema " + change.newSchema() + " is gone; a search_path naming it still works)");
    }
}
