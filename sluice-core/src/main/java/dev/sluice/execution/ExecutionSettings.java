package dev.sluice.execution;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run executes, validated when built. The defaults follow the safety contract: a DDL statement
 * waits at most two seconds for its lock, so it never parks application queries behind itself for long,
 * and a migration that could not get its lock is tried again, with backoff, for up to ten minutes.
 *
 * @param lockTimeout       {@code lock_timeout} for every statement; a script's header may override it
 * @param statementTimeout  {@code statement_timeout}; zero means none (a large index build may take hours)
 * @param lockWait          how long to wait for another runner to let go of the migration lock
 * @param installedBy       recorded in the history; the database user when blank
 * @param outOfOrder        run a pending migration older than the current version instead of refusing
 * @param retryDeadline     how long a migration may keep retrying after lock timeouts and deadlocks
 * @param idleTimeout       {@code idle_in_transaction_session_timeout} on the migration's connection, so a
 *                          runner that hangs inside a transaction cannot hold its locks forever
 * @param maxBlockerAge     before a migration, wait (up to the retry deadline) while a session whose
 *                          transaction is older than this holds a lock on a table the migration touches;
 *                          zero means only warn
 */
public record ExecutionSettings(Duration lockTimeout, Duration statementTimeout, Duration lockWait,
                                String installedBy, boolean outOfOrder, Duration retryDeadline,
                                Duration idleTimeout, Duration maxBlockerAge) {

    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RETRY_DEADLINE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    public ExecutionSettings {
        Objects.requireNonNull(installedBy, "installedBy");
        check("lockTimeout", lockTimeout);
        check("statementTimeout", statementTimeout);
        check("lockWait", lockWait);
        check("retryDeadline", retryDeadline);
        check("idleTimeout", idleTimeout);
        check("maxBlockerAge", maxBlockerAge);
    }

    private static void check(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " cannot be negative: " + d);
        }
    }

    /** The defaults. */
    public static ExecutionSettings defaults() {
        return new ExecutionSettings(DEFAULT_LOCK_TIMEOUT, Duration.ZERO, DEFAULT_LOCK_WAIT, "", false,
                DEFAULT_RETRY_DEADLINE, DEFAULT_IDLE_TIMEOUT, Duration.ZERO);
    }

    public ExecutionSettings withLockTimeout(Duration d) {
        return new ExecutionSettings(d, statementTimeout, lockWait, installedBy, outOfOrder, retryDeadline, idleTimeout, maxBlockerAge);
    }

    public ExecutionSettings withStatementTimeout(Duration d) {
        return new ExecutionSettings(lockTimeout, d, lockWait, installedBy, outOfOrder, retryDeadline, idleTimeout, maxBlockerAge);
    }

    public ExecutionSettings withLockWait(Duration d) {
        return new ExecutionSettings(lockTimeout, statementTimeout, d, installedBy, outOfOrder, retryDeadline, idleTimeout, maxBlockerAge);
    }

    public ExecutionSettings withInstalledBy(String who) {
        return new ExecutionSettings(lockTimeout, statementTimeout, lockWait, who, outOfOrder, retryDeadline, idleTimeout, maxBlockerAge);
    }

    public ExecutionSettings withOutOfOrder(boolean allowed) {
        return new ExecutionSettings(lockTimeout, statementTimeout, lockWait, installedBy, allowed, retryDeadline, idleTimeout, maxBlockerAge);
    }

    public ExecutionSettings withRetryDeadline(Duration d) {
        return new ExecutionSettings(lockTimeout, statementTimeout, lockWait, installedBy, outOfOrder, d, idleTimeout, maxBlockerAge);
    }

    public ExecutionSettings withIdleTimeout(Duration d) {
        return new ExecutionSettings(lockTimeout, statementTimeout, lockWait, installedBy, outOfOrder, retryDeadline, d, maxBlockerAge);
    }

    public ExecutionSettings withMaxBlockerAge(Duration d) {
        return new ExecutionSettings(lockTimeout, statementTimeout, lockWait, installedBy, outOfOrder, retryDeadline, idleTimeout, d);
    }
}
