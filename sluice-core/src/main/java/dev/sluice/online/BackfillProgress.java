package dev.sluice.online;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a backfill stands.
 *
 * @param table        the table being filled
 * @param rowsDone     rows filled so far, earlier runs of a resumed backfill included
 * @param rowsTotal    rows that existed when the backfill began (rows written later are the triggers' job): the
 *                     planner's estimate for an analyzed table, so {@code rowsDone} may end a little above
 *                     or below it
 * @param rowsPerSecond the rate of this run so far (read back from the state table: of the last run, up to its last batch)
 * @param done         whether every batch has committed
 */
public record BackfillProgress(String table, long rowsDone, long rowsTotal, double rowsPerSecond, boolean done) {

    /** The time left at the current rate; empty before a rate is known. */
    public Optional<Duration> eta() {
        if (done) {
            return Optional.of(Duration.ZERO);
        }
        if (rowsPerSecond <= 0) {
            return Optional.empty();
        }
        long left = Math.max(0, rowsTotal - rowsDone);
        return Optional.of(Duration.ofMillis((long) (left * 1000 / rowsPerSecond)));
    }
}
