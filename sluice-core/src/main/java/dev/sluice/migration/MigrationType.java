package dev.sluice.migration;

/** What a history row records; the names are stored in the history table and must not change. */
public enum MigrationType {
    /** A versioned SQL migration ({@code V} file). */
    SQL,
    /** A versioned Java migration (a {@link SafeMigration}). */
    JAVA,
    /** A repeatable SQL migration ({@code R} file), re-applied when its checksum changes. */
    REPEATABLE,
    /** The down of a versioned migration ({@code U} file or {@code performDown}). */
    UNDO,
    /**
     * A versioned online change ({@code V} file in YAML): expand/contract operations run by {@code start}
     * and {@code complete}; its history row is written when it completes.
     */
    ONLINE,
    /**
     * A versioned {@code -- sluice:rewrite} SQL file: one {@code ALTER TABLE} run as a shadow-table rewrite;
     * its history row is written after the swap, and its rollback swaps the kept original back.
     */
    REWRITE,
    /** The marker written by {@code baseline}: everything up to this version was there before Sluice. */
    BASELINE;

    /**
     * Whether the plan executor runs a migration of this type. An online change ({@code start} and
     * {@code complete}) and a rewrite (copy, catch-up, swap) have runners of their own.
     */
    public boolean runsInExecutor() {
        return this != ONLINE && this != REWRITE;
    }
}
