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

    /** A lock timeout or deadlock; the step or batch runs again after {@code delay}. */
    default void retrying(String what, int attempt, Duration delay, String reason) {
    }

    /** Something a person should know that does not stop the change. */
    default void notice(String message) {
    }
}
