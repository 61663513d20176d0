package dev.sluice.rewrite;

import dev.sluice.online.BackfillSettings;

import java.time.Duration;

/**
 * The copy's defaults: 10,000 rows per batch (a copy batch locks only rows of the shadow, which nobody
 * else reads, so batches can be larger than a backfill's), no pause, a 2 s lock timeout.
 */
public final class RewriteDefaults {

    public static final int BATCH_SIZE = 10_000;

    private RewriteDefaults() {
    }

    public static BackfillSettings copy() {
        return new BackfillSettings(BATCH_SIZE, Duration.ZERO, Duration.ofSeconds(2));
    }
}
