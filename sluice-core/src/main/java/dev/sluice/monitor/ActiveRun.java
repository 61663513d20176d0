package dev.sluice.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A migration run in progress: a session holds the migration lock. A transactional migration's history
 * row commits with it, so while it runs only the lock and the runner's statement tell of it.
 *
 * @param pid            the backend holding the lock
 * @param since          when that session connected, which is when the run began taking the lock
 * @param statement      what the runner's working session is executing now, cut to 500 characters; empty when
 *                       it is between statements or the monitoring user may not see other sessions' queries
 * @param statementSince when the working session's current transaction began
 */
public record ActiveRun(int pid, Instant since, Optional<String> statement, Optional<Instant> statementSince) {

    public Duration runningFor(Instant now) {
        return Duration.between(since, now).isNegative() ? Duration.ZERO : Duration.between(since, now);
    }
}
