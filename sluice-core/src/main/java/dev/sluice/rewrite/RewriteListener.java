package dev.sluice.rewrite;

import dev.sluice.online.BackfillProgress;

import java.time.Duration;

/** Progress of a rewrite, for consoles and embedders. Every method has an empty default. */
public interface RewriteListener {

    RewriteListener NONE = new RewriteListener() {
    };

    /** A step begins: "creating shadow", "swapping", ... */
    default void step(String description) {
    }

    /** The copy's progress after each batch: rows, rows/s and, through {@link BackfillProgress#eta()}, the time left. */
    default void copyProgress(BackfillProgress progress) {
    }

    /** A catch-up pass over the change log applied {@code entries} logged writes. */
    default void replayed(long entries) {
    }

    /** A lock-taking step timed out or hit a deadlock and is tried again after {@code delay}. */
    default void retrying(String what, int attempt, Duration delay, String reason) {
    }

    default void notice(String message) {
    }
}
