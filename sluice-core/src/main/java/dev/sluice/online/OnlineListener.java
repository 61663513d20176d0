package dev.sluice.online;

import java.time.Duration;

/**
 * Progress of an online change, for consoles and embedders. Every method has an empty default;
 * {@link #NONE} stands in where nobody listens.
 */
public interface OnlineListener {

    OnlineListener NONE = new OnlineListener() {
    };

    /** A step of start, complete or rollback begins. */
    default void stepStarted(String phase, OnlineStep step) {
    }

    /** After every batch of a backfill, and once when it ends. */
    default void backfillProgress(BackfillProgress progress) {
    }

    /**
     * The backfill of {@code table} holds back for {@code wait} before its next batch, and looks again then:
     * {@code reason} says which limit is exceeded, e.g. {@code replication lag 48.0 MiB > 16.0 MiB (standby s1)}.
     * Called before every wait, so a long throttle calls it many times.
     */
    default void backfillThrottled(String table, String reason, Duration wait) {
    }

    /** A lock timeout or deadlock; the step or batch runs again after {@code delay}. */
    default void retrying(String what, int attempt, Duration delay, String reason) {
    }

    /** Something a person should know that does not stop the change. */
    default void notice(String message) {
    }
}
