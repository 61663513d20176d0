package dev.sluice.cli;

import dev.sluice.migration.ByteSizeText;
import dev.sluice.migration.DurationText;
import dev.sluice.online.BackfillSettings;
import picocli.CommandLine.Option;

import java.util.OptionalInt;
import java.util.OptionalLong;

/** Options of the verbs that run an online change's backfill. */
final class OnlineOptions {

    @Option(names = "--batch-size", paramLabel = "ROWS", description = "Rows per backfill batch, each its own transaction (default 2000; at most a 500th of the table's rows unless"
            + " that is under 1000).")
    Integer batchSize;

    @Option(names = "--batch-pause", paramLabel = "DURATION", description = "Pause between backfill batches, e.g. 50ms (default none).")
    String batchPause;

    @Option(names = "--max-replication-lag", paramLabel = "SIZE|off",
            description = "Hold the backfill back while a standby replays more than this behind, e.g. 64MB (default 16MB, config backfill.max-replication-lag).")
    String maxReplicationLag;

    @Option(names = "--max-lock-waits", paramLabel = "SESSIONS|off",
            description = "Hold the backfill back while more sessions than this wait for a lock on the table (default 4, config backfill.max-lock-waits).")
    String maxLockWaits;

    /** {@code base} (the project's settings) with the flags given. */
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
        if (maxReplicationLag != null) {
            try {
                s = s.withMaxReplicationLag(off(maxReplicationLag) ? OptionalLong.empty() : OptionalLong.of(ByteSizeText.parse(maxReplicationLag)));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "--max-replication-lag: " + e.getMessage() + ", or off");
            }
        }
        if (maxLockWaits != null) {
            s = s.withMaxLockWaits(off(maxLockWaits) ? OptionalInt.empty() : OptionalInt.of(sessions(maxLockWaits)));
        }
        return s;
    }

    private static int sessions(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CliException(ExitCodes.USAGE, "--max-lock-waits must be a whole number of at least 0, or off, not '" + text + "'");
    }

    private static boolean off(String value) {
        return value.equalsIgnoreCase("off");
    }
}
