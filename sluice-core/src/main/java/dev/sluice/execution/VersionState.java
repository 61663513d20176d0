package dev.sluice.execution;

/** Where one migration stands when the project's files are set against the database's history. */
public enum VersionState {
    /** In effect. */
    APPLIED,
    /** In the project, not (or no longer) in effect; {@code migrate} will run it. */
    PENDING,
    /** Its last attempt failed. */
    FAILED,
    /** Started and never finished: a crash, or a run still going on elsewhere. */
    RUNNING,
    /** At or below the baseline: the database had it before Sluice. */
    BELOW_BASELINE,
    /** In effect in the database, but the project has no file or class for it. */
    MISSING_LOCALLY
}
