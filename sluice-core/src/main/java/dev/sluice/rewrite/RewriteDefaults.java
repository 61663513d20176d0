package dev.sluice.rewrite;

import dev.sluice.online.BackfillSettings;

import java.time.Duration;

/**
 * The copy's defaults: 50,000 rows per batch (a copy batch locks only rows of the shadow, which nobody
 * else reads, so batches can be much larger than a backfill's; each batch costs six round trips, which at
 * 10,000 rows held the copy to a third of an {@code INSERT ... SELECT}), no pause, a 2 s lock timeout.
 */
public final class RewriteDefaults {

    public static final int BATCH_SIZE = 50_000;

    private RewriteDefaults() {
    }

    public static BackfillSettings copy() {
        return new BackfillSettings(BATCH_SIZE, Duration.ZERO, Duration.ofSeconds(2));
    }
}
