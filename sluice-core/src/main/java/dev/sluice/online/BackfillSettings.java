package dev.sluice.online;

import java.time.Duration;

/**
 * How a backfill fills existing rows: {@code batchSize} rows per transaction, a {@code pause} between
 * batches that leaves room for the application's writes, each batch under {@code lockTimeout}.
 *
 * <p>Hazard: a large batch holds its row locks longer, so application updates of those rows wait for it;
 * keep batches small enough to commit within a few tens of milliseconds.
 */
public record BackfillSettings(int batchSize, Duration pause, Duration lockTimeout) {

    public static final int DEFAULT_BATCH_SIZE = 1000;

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
    }

    /** 1000 rows, no pause, 2 s lock timeout. */
    public static BackfillSettings defaults() {
        return new BackfillSettings(DEFAULT_BATCH_SIZE, Duration.ZERO, Duration.ofSeconds(2));
    }

    public BackfillSettings withBatchSize(int rows) {
        return new BackfillSettings(rows, pause, lockTimeout);
    }

    public BackfillSettings withPause(Duration p) {
        return new BackfillSettings(batchSize, p, lockTimeout);
    }

    public BackfillSettings withLockTimeout(Duration t) {
        return new BackfillSettings(batchSize, pause, t);
    }
}
