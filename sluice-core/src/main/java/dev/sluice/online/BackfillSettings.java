package dev.sluice.online;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How a backfill fills existing rows: {@code batchSize} rows per transaction, a {@code pause} between
 * batches that leaves room for the application's writes, each batch under {@code lockTimeout}; and when it
 * holds back: before a batch it waits {@code throttleWait} at a time while a standby's replay lags the
 * primary by more than {@code maxReplicationLag} bytes of WAL, or while more than {@code maxLockWaits}
 * sessions that use the table wait for a lock. The limits are read before the first batch, then at most
 * once per {@code throttleWait} while they hold. An empty limit is not checked.
 *
 * <p>Hazard: a large batch holds its row locks longer, so application updates of those rows wait for it;
 * keep batches small enough to commit within a few tens of milliseconds. Hazard: a throttled backfill waits
 * as long as the limit is exceeded, without end: a standby that stays far behind (or a logical replication
 * consumer that is slow on purpose) stops it until it catches up or the limit is raised.
 */
public record BackfillSettings(int batchSize, Duration pause, Duration lockTimeout, OptionalLong maxReplicationLag,
                               OptionalInt maxLockWaits, Duration throttleWait) {

    /**
     * 2,000 rows. A batch has a fixed cost besides its rows (three round trips, a commit, the read of its
     * range's end): at 1,000 rows that was about a quarter of a backfill's time here, at 2,000 about a seventh.
     * Larger batches gain little more and hold more rows that the application's writes wait for: on 1M rows
     * under load, batches of 5,000 doubled the clients' p99 where 2,000 did not. {@link #batchSizeFor} keeps
     * it to a 500th of a smaller table.
     */
    public static final int DEFAULT_BATCH_SIZE = 2000;

    /** A batch holds at most this share of its table's rows (1/500), unless that is fewer than {@link #SMALL_BATCH}. */
    public static final int TABLE_SHARE = 500;

    /** The fewest rows {@link #batchSizeFor} cuts a batch to: the batch size of most batched backfills. */
    public static final int SMALL_BATCH = 1000;

    /** 16 MiB of WAL: one segment, a few seconds of replay for a healthy standby. */
    public static final long DEFAULT_MAX_REPLICATION_LAG = 16L << 20;

    /** More waiting sessions than this on the backfilled table holds the backfill back. */
    public static final int DEFAULT_MAX_LOCK_WAITS = 4;

    public BackfillSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("backfill batch size must be at least 1, not " + batchSize);
        }
        if (pause == null || pause.isNegative()) {
            throw new IllegalArgumentException("backfill pause must be zero or more");
        }
        if (lockTimeout == null || lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("backfill lock timeout must be positive");
        }
        if (maxReplicationLag == null || maxReplicationLag.isPresent() && maxReplicationLag.getAsLong() < 0) {
            throw new IllegalArgumentException("backfill replication lag limit must be zero or more bytes");
        }
        if (maxLockWaits == null || maxLockWaits.isPresent() && maxLockWaits.getAsInt() < 0) {
            throw new IllegalArgumentException("backfill lock wait limit must be zero or more sessions");
        }
        if (throttleWait == null || throttleWait.isNegative() || throttleWait.isZero()) {
            throw new IllegalArgumentException("backfill throttle wait must be positive");
        }
    }

    /** The given batches, with the default throttling limits. */
    public BackfillSettings(int batchSize, Duration pause, Duration lockTimeout) {
        this(batchSize, pause, lockTimeout, OptionalLong.of(DEFAULT_MAX_REPLICATION_LAG),
                OptionalInt.of(DEFAULT_MAX_LOCK_WAITS), Duration.ofSeconds(1));
    }

    /**
     * Batches of 2,000 rows (a 500th of a smaller table, at least 1,000), no pause, 2 s lock timeout;
     * throttled beyond 16 MiB of lag or 4 lock waits, checked each second.
     */
    public static BackfillSettings defaults() {
        return new BackfillSettings(DEFAULT_BATCH_SIZE, Duration.ZERO, Duration.ofSeconds(2));
    }

    /**
     * The rows per batch on a table of about {@code tableRows} rows: {@code batchSize}, cut to a 500th of the
     * table but not below {@value #SMALL_BATCH} rows (nor above {@code batchSize}). Why: the application's
     * writes to rows of the batch wait for its commit, and on a small table that a batch covers a large part
     * of, most of them would; at a 500th, one write in 500 can meet the batch, too few to show in the p99.
     */
    public int batchSizeFor(long tableRows) {
        if (batchSize <= SMALL_BATCH) {
            return batchSize;
        }
        return (int) Math.max(SMALL_BATCH, Math.min(batchSize, tableRows / TABLE_SHARE));
    }

    public BackfillSettings withBatchSize(int rows) {
        return new BackfillSettings(rows, pause, lockTimeout, maxReplicationLag, maxLockWaits, throttleWait);
    }

    public BackfillSettings withPause(Duration p) {
        return new BackfillSettings(batchSize, p, lockTimeout, maxReplicationLag, maxLockWaits, throttleWait);
    }

    public BackfillSettings withLockTimeout(Duration t) {
        return new BackfillSettings(batchSize, pause, t, maxReplicationLag, maxLockWaits, throttleWait);
    }

    /** Bytes of WAL a standby may lag; empty turns the check off. */
    public BackfillSettings withMaxReplicationLag(OptionalLong bytes) {
        return new BackfillSettings(batchSize, pause, lockTimeout, bytes, maxLockWaits, throttleWait);
    }

    /** Sessions that may wait for a lock on the table; empty turns the check off. */
    public BackfillSettings withMaxLockWaits(OptionalInt sessions) {
        return new BackfillSettings(batchSize, pause, lockTimeout, maxReplicationLag, sessions, throttleWait);
    }

    /** How long a throttled backfill waits before it looks again. */
    public BackfillSettings withThrottleWait(Duration wait) {
        return new BackfillSettings(batchSize, pause, lockTimeout, maxReplicationLag, maxLockWaits, wait);
    }
}
