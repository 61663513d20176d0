package dev.sluice.db;

import java.time.Duration;

/**
 * A session that holds a lock a migration needs, as far as {@code pg_stat_activity} tells. The query is
 * only its first line, cut short, since literals further on may hold data.
 *
 * @param pid             the backend's process id
 * @param applicationName what the client called itself
 * @param state           active, idle in transaction...
 * @param transactionAge  how long its transaction has been open; zero when unknown
 * @param query           first line of its current or last query, at most 60 characters
 * @param lock            the lock mode it holds and on what, where known
 * @param transactionId   identifies the blocking transaction (its start time in microseconds since the
 *                        epoch, 0 when none): the same pid with another value is a later transaction
 */
public record Blocker(int pid, String applicationName, String state, Duration transactionAge, String query, String lock,
                      long transactionId) {

    @Override
    public String toString() {
        return "pid " + pid + (applicationName.isEmpty() ? "" : " (" + applicationName + ")") + ", " + state
                + ", transaction open " + transactionAge.toSeconds() + "s"
                + (lock.isEmpty() ? "" : ", holds " + lock)
                + (query.isEmpty() ? "" : ", query: " + query);
    }
}
