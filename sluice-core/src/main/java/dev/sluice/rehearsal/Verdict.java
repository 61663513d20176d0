package dev.sluice.rehearsal;

/** How one migration fared in rehearsal. */
public enum Verdict {
    /** Up, down and up again all worked, and the down restored the schema (and the rows) exactly. */
    PASSED,
    /** Something did not hold; the problems say what. */
    FAILED,
    /** It has no down; reported as an error or a warning, as configured. */
    IRREVERSIBLE,
    /** Not rehearsed, because an earlier migration failed to apply. */
    SKIPPED
}
