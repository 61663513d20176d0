package dev.sluice.monitor;

/**
 * One reason why the database's migrations are not as they should be.
 *
 * @param kind    what kind of trouble; {@link MonitorSettings#downOn()} decides whether it makes health DOWN
 * @param message what is wrong and what to do, for a person reading the probe's answer
 */
public record HealthReason(Kind kind, String message) {

    public enum Kind {
        /** The database does not answer, or Sluice's tables cannot be read. */
        UNREACHABLE,
        /** The migration files themselves are broken (a duplicate version, an unreadable file). */
        INVALID_FILES,
        /** Migrations are waiting to be applied. */
        PENDING,
        /** A migration failed, or a run was interrupted and left a RUNNING row no runner holds. */
        FAILED,
        /** The live schema differs from what the migrations produce. */
        DRIFT,
        /** A migration run has held the lock longer than {@link MonitorSettings#maxRunning()}. */
        RUNNING_TOO_LONG
    }
}
