package dev.sluice.execution.internal;

import dev.sluice.db.Blocker;
import dev.sluice.db.internal.BlockerQueries;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Looks, from a separate connection, at who blocks the migration's backend while a statement waits.
 * When a statement then fails with a lock timeout, the blocker it saw explains why; after the timeout
 * the blocker can no longer be asked for, since the waiting backend no longer waits.
 *
 * <p>It checks once, after half the lock timeout (a group of statements: every half lock timeout), so a
 * statement that gets its lock at once costs nothing but a scheduled task.
 */
final class BlockerWatch implements AutoCloseable {

    /** Stands in where no monitor connection is available: sees nothing. */
    static final BlockerWatch NONE = new BlockerWatch(null, 0);

    private final Connection monitor;
    private final int backendPid;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> pending;
    private volatile List<Blocker> seen = List.of();

    BlockerWatch(Connection monitor, int backendPid) {
        this.monitor = monitor;
        this.backendPid = backendPid;
        this.scheduler = monitor == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-blocker-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts watching a statement that may wait up to {@code lockTimeout} for its lock, or, with
     * {@code repeat}, a group of statements sent together: then it looks again every half lock timeout,
     * since a later statement of the group may be the one that waits.
     */
    void arm(Duration lockTimeout, boolean repeat) {
        seen = List.of();
        if (scheduler == null) {
            return;
        }
        long delay = lockTimeout.isZero() ? 1000 : Math.max(50, lockTimeout.toMillis() / 2);
        pending = repeat ? scheduler.scheduleWithFixedDelay(this::look, delay, delay, TimeUnit.MILLISECONDS)
                : scheduler.schedule(this::look, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops watching; returns the blockers seen while the statement waited, if any. */
    List<Blocker> disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        return seen;
    }

    /** Who blocks the backend right now. */
    List<Blocker> now() {
        if (monitor == null) {
            return List.of();
        }
        synchronized (this) {
            try {
                return BlockerQueries.blocking(monitor, backendPid);
            } catch (SQLException e) {
                return List.of();
            }
        }
    }

    private void look() {
        List<Blocker> blockers = now();
        if (!blockers.isEmpty()) {
            seen = blockers;
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
