package dev.sluice.online.internal;

import dev.sluice.db.Deadline;
import dev.sluice.db.RetryPolicy;
import dev.sluice.online.OnlineException;
import dev.sluice.online.OnlineListener;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs work in one transaction under {@code lock_timeout}, and again after a backoff when the lock
 * timeout fires or the server breaks a deadlock, until the retry deadline. The only retried SQLSTATEs are
 * {@link RetryPolicy}'s; anything else fails at once, the transaction rolled back.
 *
 * <p>Public for the shadow-table rewrite, whose copy batches and swap follow the same rule.
 */
public final class ShortTransaction {

    @FunctionalInterface
    public interface Work {
        void run() throws SQLException;
    }

    private ShortTransaction() {
    }

    public static void run(Connection c, String what, Duration lockTimeout, Duration statementTimeout, Duration retryDeadline,
                    OnlineListener listener, Work work) throws SQLException {
        run(c, what, lockTimeout, statementTimeout, retryDeadline, listener, List.of(), work);
    }

    /**
     * The same, with more transaction-local settings ({@code name = value}, the value as SQL) set with the
     * timeouts, in the same round trip: the statements of one string go to the server together.
     */
    public static void run(Connection c, String what, Duration lockTimeout, Duration statementTimeout, Duration retryDeadline,
                    OnlineListener listener, List<String> localSettings, Work work) throws SQLException {
        StringBuilder settings = new StringBuilder("set local lock_timeout = '").append(Math.max(1, lockTimeout.toMillis()))
                .append("ms'; set local statement_timeout = '").append(statementTimeout.toMillis()).append("ms'");
        for (String setting : localSettings) {
            settings.append("; set local ").append(setting);
        }
        RetryPolicy retry = RetryPolicy.withDeadline(retryDeadline);
        Deadline deadline = Deadline.after(retryDeadline);
        List<SQLException> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(settings.toString());
                }
                work.run();
                c.commit();
                return;
            } catch (SQLException e) {
                boolean sessionGone = false;
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    // The session is gone (the server rolled back); the work's own error says why.
                    e.addSuppressed(rollbackFailed);
                    sessionGone = true;
                }
                if (sessionGone || !RetryPolicy.isRetryable(e) || deadline.expired()) {
                    earlier.forEach(e::addSuppressed);
                    throw e;
                }
                earlier.add(e);
                Duration delay = retry.delayAfter(attempt);
                listener.retrying(what, attempt, delay, e.getMessage());
                sleep(delay);
            } finally {
                restoreAutocommit(c);
            }
        }
    }

    /** Quiet on a closed connection, so that the error being thrown, which says why, is not replaced. */
    private static void restoreAutocommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException gone) {
            // Nothing is open on a session that no longer exists.
        }
    }

    public static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnlineException("interrupted; run the command again to go on", e);
        }
    }
}
