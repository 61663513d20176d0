package dev.sluice.history;

/** The state of a history row; the names are stored in the table and must not change. */
public enum MigrationState {
    /**
     * Started and not finished. Written first only for a migration that runs outside a transaction; a
     * RUNNING row that no live runner holds is what a crash left behind.
     */
    RUNNING,
    /** Finished and in effect. */
    APPLIED,
    /** Failed. For a transactional migration nothing of it remains; for another, part of it may. */
    FAILED,
    /** Applied once, then reversed by a rollback (an UNDO row records the rollback itself). */
    ROLLED_BACK
}
