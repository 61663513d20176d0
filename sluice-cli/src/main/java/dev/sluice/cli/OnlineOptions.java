package dev.sluice.cli;

import dev.sluice.migration.DurationText;
import dev.sluice.online.BackfillSettings;
import picocli.CommandLine.Option;

/** Options of the verbs that run an online change's backfill. */
final class OnlineOptions {

    @Option(names = "--batch-size", paramLabel = "ROWS", description = "Rows per backfill batch, each its own transaction (default 1000).")
    Integer batchSize;

    @Option(names = "--batch-pause", paramLabel = "DURATION", description = "Pause between backfill batches, e.g. 50ms (default none).")
    String batchPause;

    BackfillSettings apply(BackfillSettings base, java.time.Duration lockTimeout) {
        BackfillSettings s = base.withLockTimeout(lockTimeout);
        if (batchSize != null) {
            if (batchSize < 1) {
                throw new CliException(ExitCodes.USAGE, "--batch-size must be at least 1");
            }
            s = s.withBatchSize(batchSize);
        }
        if (batchPause != null) {
            try {
                s = s.withPause(DurationText.parse(batchPause));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "--batch-pause: " + e.getMessage());
            }
        }
        return s;
    }
}
