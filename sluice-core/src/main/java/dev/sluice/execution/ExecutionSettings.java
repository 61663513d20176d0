package dev.sluice.execution;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run executes, validated when built. The defaults follow the safety contract: a DDL statement
 * waits at most two seconds for its lock, so it never parks application queries behind itself for long.
 *
 * @param lockTimeout       {@code lock_timeout} for every statement; a script's header may override it
 * @param statementTimeout  {@code statement_timeout}; zero means none (a large index build may take hours)
 * @param lockWait          how long to wait for another runner to let go of the migration lock
 * @param installedBy       recorded in the history; the database user by default
 * @param outOfOrder        run a pending migration older than the current version instead of refusing
 */
public record ExecutionSettings(Duration lockTimeout, Duration statementTimeout, Duration lockWait,
                                String installedBy, boolean outOfOrder) {

    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

    public ExecutionSettings {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(installedBy, "installedBy");
        if (lockTimeout.isNegative() || statementTimeout.isNegative() || lockWait.isNegative()) {
            throw new IllegalArgumentException("timeouts cannot be negative (lockTimeout " + lockTimeout
                    + ", statementTimeout " + statementTimeout + ", lockWait " + lockWait + ")");
        }
    }

    /** The defaults; installedBy empty means "the database user". */
    public static ExecutionSettings defaults() {
        return new ExecutionSettings(DEFAULT_LOCK_TIMEOUT, Duration.ZERO, DEFAULT_LOCK_WAIT, "", false);
    }

    public ExecutionSettings withLockTimeout(Duration d) {
        return new ExecutionSettings(d, statementTimeout, lockWait, installedBy, outOfOrder);
    }

    public ExecutionSettings withStatementTimeout(Duration d) {
        return new ExecutionSettings(lockTimeout, d, lockWait, installedBy, outOfOrder);
    }

    public ExecutionSettings withLockWait(Duration d) {
        return new ExecutionSettings(lockTimeout, statementTimeout, d, installedBy, outOfOrder);
    }

    public ExecutionSettings withInstalledBy(String who) {
        return new ExecutionSettings(lockTimeout, statementTimeout, lockWait, who, outOfOrder);
    }

    public ExecutionSettings withOutOfOrder(boolean allowed) {
        return new ExecutionSettings(lockTimeout, statementTimeout, lockWait, installedBy, allowed);
    }
}
