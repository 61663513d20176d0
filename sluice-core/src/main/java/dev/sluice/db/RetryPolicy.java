package dev.sluice.db;

import dev.sluice.db.internal.SqlStates;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before trying a migration again. Only the SQLSTATEs listed here are retried:
 * a lock that could not be had within {@code lock_timeout}, and a deadlock the server broke. Both leave
 * nothing behind once the transaction is rolled back, so trying again is safe; anything else is a real
 * failure and retrying would only repeat it.
 *
 * <p>Delays grow exponentially from {@code base} to {@code max}, with full jitter so that several
 * runners (or a runner and a cron job) do not retry in lockstep, and never past the overall deadline.
 */
public record RetryPolicy(Duration base, Duration max, Duration deadline) {

    private static final Set<String> RETRYABLE = Set.of(SqlStates.LOCK_NOT_AVAILABLE, SqlStates.DEADLOCK_DETECTED);

    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);

    public static RetryPolicy withDeadline(Duration deadline) {
        return new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), deadline);
    }

    public static boolean isRetryable(String sqlState) {
        return sqlState != null && RETRYABLE.contains(sqlState);
    }

    public static boolean isRetryable(SQLException e) {
        return isRetryable(e.getSQLState());
    }

    /** The pause before attempt {@code attempt + 1} (attempt counts from 1). */
    public Duration delayAfter(int attempt) {
        long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(20, attempt - 1));
        long jittered = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
