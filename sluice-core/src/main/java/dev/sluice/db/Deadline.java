package dev.sluice.db;

import java.time.Duration;

/**
 * One point in time that every wait and retry of an operation measures against, so that retries with
 * backoff can never add up to more than the caller allowed. Uses the monotonic clock.
 */
public final class Deadline {

    private final long deadlineNanos;
    private final Duration total;

    private Deadline(Duration total) {
        this.total = total;
        this.deadlineNanos = System.nanoTime() + total.toNanos();
    }

    public static Deadline after(Duration total) {
        return new Deadline(total);
    }

    public Duration total() {
        return total;
    }

    public Duration remaining() {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean expired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }
}
