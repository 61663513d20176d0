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
 * @param fingerprints      record the schema fingerprint after a run's last migration; off on scratch
 *                          databases, where nobody reads it and it costs a catalog read per run
 * @param ignoreMigrationPatterns which disagreements between files and history do not stop a run (Flyway's
 *                          {@code ignoreMigrationPatterns})
 * @param reconnectWait     when the server goes away during a run (or cannot be reached at its start), how
 *                          long to wait for it to come back and go on; zero means stop at once
 * @param blockerGrace      before each attempt, a transaction open for longer than this that holds a
 *                          conflicting lock is waited out with no lock request queued; younger ones are left
 *                          to end on their own (see ConflictWait)
 */
public record ExecutionSettings(Duration lockTimeout, Duration statementTimeout, Duration lockWait,
                                String installedBy, boolean outOfOrder, Duration retryDeadline,
                                Duration idleTimeout, Duration maxBlockerAge, boolean fingerprints,
                                Duration reconnectWait, Duration blockerGrace,
                                IgnoreMigrationPatterns ignoreMigrationPatterns) {

    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RETRY_DEADLINE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_BLOCKER_GRACE = Duration.ofMillis(50);

    public ExecutionSettings {
        Objects.requireNonNull(installedBy, "installedBy");
        Objects.requireNonNull(ignoreMigrationPatterns, "ignoreMigrationPatterns");
        check("lockTimeout", lockTimeout);
        check("statementTimeout", statementTimeout);
        check("lockWait", lockWait);
        check("retryDeadline", retryDeadline);
        check("idleTimeout", idleTimeout);
        check("maxBlockerAge", maxBlockerAge);
        check("reconnectWait", reconnectWait);
        check("blockerGrace", blockerGrace);
        // These become server settings: refused here rather than by the server once a migration runs.
        dev.sluice.migration.DurationText.checkTimeout(lockTimeout, "lockTimeout " + lockTimeout);
        dev.sluice.migration.DurationText.checkTimeout(statementTimeout, "statementTimeout " + statementTimeout);
        dev.sluice.migration.DurationText.checkTimeout(idleTimeout, "idleTimeout " + idleTimeout);
    }

    private static void check(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " cannot be negative: " + d);
        }
    }

    /** The defaults. */
    public static ExecutionSettings defaults() {
        return new Builder().build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public ExecutionSettings withLockTimeout(Duration d) {
        return toBuilder().lockTimeout(d).build();
    }

    public ExecutionSettings withStatementTimeout(Duration d) {
        return toBuilder().statementTimeout(d).build();
    }

    public ExecutionSettings withLockWait(Duration d) {
        return toBuilder().lockWait(d).build();
    }

    public ExecutionSettings withInstalledBy(String who) {
        return toBuilder().installedBy(who).build();
    }

    public ExecutionSettings withOutOfOrder(boolean allowed) {
        return toBuilder().outOfOrder(allowed).build();
    }

    public ExecutionSettings withRetryDeadline(Duration d) {
        return toBuilder().retryDeadline(d).build();
    }

    public ExecutionSettings withIdleTimeout(Duration d) {
        return toBuilder().idleTimeout(d).build();
    }

    public ExecutionSettings withMaxBlockerAge(Duration d) {
        return toBuilder().maxBlockerAge(d).build();
    }

    public ExecutionSettings withFingerprints(boolean record) {
        return toBuilder().fingerprints(record).build();
    }

    public ExecutionSettings withReconnectWait(Duration d) {
        return toBuilder().reconnectWait(d).build();
    }

    public ExecutionSettings withBlockerGrace(Duration d) {
        return toBuilder().blockerGrace(d).build();
    }

    public ExecutionSettings withIgnoreMigrationPatterns(IgnoreMigrationPatterns patterns) {
        return toBuilder().ignoreMigrationPatterns(patterns).build();
    }

    /** Builds {@link ExecutionSettings}; every value starts at its documented default. */
    public static final class Builder {
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration statementTimeout = Duration.ZERO;
        private Duration lockWait = DEFAULT_LOCK_WAIT;
        private String installedBy = "";
        private boolean outOfOrder;
        private Duration retryDeadline = DEFAULT_RETRY_DEADLINE;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration maxBlockerAge = Duration.ZERO;
        private boolean fingerprints = true;
        private Duration reconnectWait = Duration.ZERO;
        private Duration blockerGrace = DEFAULT_BLOCKER_GRACE;
        private IgnoreMigrationPatterns ignoreMigrationPatterns = IgnoreMigrationPatterns.NONE;

        public Builder() {
        }

        private Builder(ExecutionSettings s) {
            lockTimeout = s.lockTimeout;
            statementTimeout = s.statementTimeout;
            lockWait = s.lockWait;
            installedBy = s.installedBy;
            outOfOrder = s.outOfOrder;
            retryDeadline = s.retryDeadline;
            idleTimeout = s.idleTimeout;
            maxBlockerAge = s.maxBlockerAge;
            fingerprints = s.fingerprints;
            reconnectWait = s.reconnectWait;
            blockerGrace = s.blockerGrace;
            ignoreMigrationPatterns = s.ignoreMigrationPatterns;
        }

        public Builder lockTimeout(Duration d) {
            lockTimeout = d;
            return this;
        }

        public Builder statementTimeout(Duration d) {
            statementTimeout = d;
            return this;
        }

        public Builder lockWait(Duration d) {
            lockWait = d;
            return this;
        }

        public Builder installedBy(String who) {
            installedBy = who;
            return this;
        }

        public Builder outOfOrder(boolean allowed) {
            outOfOrder = allowed;
            return this;
        }

        public Builder retryDeadline(Duration d) {
            retryDeadline = d;
            return this;
        }

        public Builder idleTimeout(Duration d) {
            idleTimeout = d;
            return this;
        }

        public Builder maxBlockerAge(Duration d) {
            maxBlockerAge = d;
            return this;
        }

        public Builder fingerprints(boolean record) {
            fingerprints = record;
            return this;
        }

        public Builder reconnectWait(Duration d) {
            reconnectWait = d;
            return this;
        }

        public Builder blockerGrace(Duration d) {
            blockerGrace = d;
            return this;
        }

        /** Which disagreements between files and history do not stop a run; see {@link IgnoreMigrationPatterns}. */
        public Builder ignoreMigrationPatterns(IgnoreMigrationPatterns patterns) {
            ignoreMigrationPatterns = patterns;
            return this;
        }

        public ExecutionSettings build() {
            return new ExecutionSettings(lockTimeout, statementTimeout, lockWait, installedBy, outOfOrder, retryDeadline,
                    idleTimeout, maxBlockerAge, fingerprints, reconnectWait, blockerGrace, ignoreMigrationPatterns);
        }
    }
}
