package dev.sluice.online.internal;

/**
 * What the sync trigger of a table does for one operation. {@code up} is evaluated with the old version's
 * column names bound to the row, {@code down} with the new version's.
 */
sealed interface SyncRule {

    /**
     * Two physical columns that are one column in two versions (type change, NOT NULL): a write through one
     * version is copied to the other, and a row neither version has written since start gets {@code up}.
     * With {@code nullIsAValue} (the new column allows NULL where the old one does not), only the backfill
     * fills a NULL new column, so a NULL the new version wrote survives writes to other columns.
     */
    record Duplicate(String oldColumn, String newColumn, String up, String down, boolean nullIsAValue) implements SyncRule {
    }

    /** A column only the new version has, computed by {@code up} for rows the old version writes. */
    record Fill(String newColumn, String up) implements SyncRule {
    }

    /** A column only the old version has, given by {@code down} for rows the new version inserts. */
    record Backwrite(String oldColumn, String down) implements SyncRule {
    }

    /**
     * A column only the old version has, recomputed by {@code down} from the new version's columns on every
     * write the new version makes (split and merge).
     */
    record Derive(String oldColumn, String down) implements SyncRule {
    }
}
