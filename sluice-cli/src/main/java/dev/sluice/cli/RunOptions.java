package dev.sluice.cli;

import dev.sluice.execution.ExecutionSettings;
import dev.sluice.migration.DurationText;
import picocli.CommandLine.Option;

/** Options of the verbs that run migrations: timeouts, dry run and progress detail. */
final class RunOptions {

    @Option(names = "--dry-run", description = "Print the plan (statements, transaction mode, timeouts) and what the lint gate decides, and change nothing;"
            + " exit 5 when the gate would stop the run.")
    boolean dryRun;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "lock_timeout for each statement, e.g. 2s (default 2s).")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", description = "statement_timeout, e.g. 15min (default off).")
    String statementTimeout;

    @Option(names = "--lock-wait", paramLabel = "DURATION", description = "How long to wait for another runner (default 60s).")
    String lockWait;

    @Option(names = "--retry-deadline", paramLabel = "DURATION",
            description = "How long to keep retrying a migration after lock timeouts and deadlocks (default 10min).")
    String retryDeadline;

    @Option(names = "--max-blocker-age", paramLabel = "DURATION",
            description = "Before a migration, wait while a transaction older than this holds a lock on a table it "
                    + "touches (up to the retry deadline); default: only warn.")
    String maxBlockerAge;

    @Option(names = "--reconnect-wait", paramLabel = "DURATION",
            description = "When the server goes away during the run, wait this long for it to come back and go on "
                    + "from what committed (default: stop at once, exit 4).")
    String reconnectWait;

    @Option(names = {"-v", "--verbose"}, description = "Show each statement as it runs.")
    boolean verbose;

    ExecutionSettings apply(ExecutionSettings s) {
        if (lockTimeout != null) {
            s = s.withLockTimeout(parse("--lock-timeout", lockTimeout, true));
        }
        if (statementTimeout != null) {
            s = s.withStatementTimeout(parse("--statement-timeout", statementTimeout, true));
        }
        if (lockWait != null) {
            s = s.withLockWait(parse("--lock-wait", lockWait, false));
        }
        if (retryDeadline != null) {
            s = s.withRetryDeadline(parse("--retry-deadline", retryDeadline, false));
        }
        if (maxBlockerAge != null) {
            s = s.withMaxBlockerAge(parse("--max-blocker-age", maxBlockerAge, false));
        }
        if (reconnectWait != null) {
            s = s.withReconnectWait(parse("--reconnect-wait", reconnectWait, false));
        }
        return s;
    }

    /** @param timeout whether the value becomes a server timeout setting, bounded by PostgreSQL's maximum */
    private static java.time.Duration parse(String option, String value, boolean timeout) {
        try {
            return timeout ? DurationText.parseTimeout(value) : DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, option + ": " + e.getMessage());
        }
    }
}
