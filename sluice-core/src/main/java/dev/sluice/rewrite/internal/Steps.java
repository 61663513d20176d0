package dev.sluice.rewrite.internal;

import dev.sluice.online.OnlineListener;
import dev.sluice.online.internal.ShortTransaction;
import dev.sluice.rewrite.RewriteListener;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Every lock-taking step of a rewrite runs through here: one transaction under {@code lock_timeout},
 * retried on a lock timeout or deadlock with backoff until the retry deadline (online's
 * {@link ShortTransaction}, the same rule the backfill follows).
 */
final class Steps {

    private final Connection c;
    private final Duration lockTimeout;
    private final Duration retryDeadline;
    private final RewriteListener listener;
    private final OnlineListener retries;

    Steps(Connection c, Duration lockTimeout, Duration retryDeadline, RewriteListener listener) {
        this.c = c;
        this.lockTimeout = lockTimeout;
        this.retryDeadline = retryDeadline;
        this.listener = listener;
        this.retries = new OnlineListener() {
            @Override
            public void retrying(String what, int attempt, Duration delay, String reason) {
                listener.retrying(what, attempt, delay, reason);
            }
        };
    }

    void transaction(String what, ShortTransaction.Work work) throws SQLException {
        ShortTransaction.run(c, what, lockTimeout, Duration.ZERO, retryDeadline, retries, work);
    }

    RewriteListener listener() {
        return listener;
    }
}
