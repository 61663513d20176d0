package dev.sluice.rewrite;

/** Where a rewrite of one table stands. */
public enum RewritePhase {
    /** The shadow exists and is being filled; the original is live and untouched but for the capture trigger. */
    COPYING,
    /** The shadow is live under the table's name; the original is kept, renamed, and follows its writes. */
    SWAPPED,
    /** Aborted before the swap: shadow, log and triggers are gone. */
    ABORTED,
    /** Swapped back: the original is live again with the writes made since the swap; the new table is gone. */
    ROLLED_BACK,
    /** The old table, logs and triggers are dropped; the rewrite is over. */
    CLEANED_UP
}
