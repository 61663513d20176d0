package dev.sluice.cli;

import dev.sluice.Sluice;
import dev.sluice.online.BackfillSettings;
import dev.sluice.online.OnlineChange;
import picocli.CommandLine.Command;

/**
 * {@code sluice start}: starts the next pending migration, an online one: the new version's views,
 * columns and sync triggers in one short transaction, then the backfill. Run again, it resumes a backfill
 * that was stopped.
 */
@Command(name = "start", description = "Start the next online change (V<version>__<description>.yaml): both versions live, backfill.")
final class StartCommand extends OnlinePhaseCommand {

    @Override
    OnlineChange phase(Sluice sluice, BackfillSettings backfill, OnlineProgress progress) throws Exception {
        return sluice.start(backfill, progress);
    }

    @Override
    void report(OnlineChange change) {
    OnlineProgress.printVersions(out(), change);
    }
}
