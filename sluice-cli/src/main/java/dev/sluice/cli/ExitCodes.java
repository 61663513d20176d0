package dev.sluice.cli;

/**
 * The process exit codes, documented in the README; scripts and CI branch on them, so they never change
 * meaning.
 */
public final class ExitCodes {
    /** Done; nothing wrong. */
    public static final int OK = 0;
    /** A migration failed while running (see the message for what was rolled back). */
    public static final int MIGRATION_FAILED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** The project or its history is not valid (bad file, checksum mismatch, missing migration...); nothing ran. */
    public static final int INVALID = 3;
    /**
     * The database could not be reached, refused the login, or the user lacks a privilege Sluice needs, so
     * nothing ran; or the connection broke during the run, and the message says what had committed.
     */
    public static final int DATABASE_UNAVAILABLE = 4;
    /** The lint found an error-level problem; nothing ran. */
    public static final int LINT_FAILED = 5;
    /**
     * Another runner holds the migration lock, so nothing ran; or this runner lost the lock during the run and
     * stopped, and the message says what had committed.
     */
    public static final int LOCKED = 6;
    /**
     * The schemas differ: {@code drift} found changes made outside migrations, or {@code diff} found
     * differences. Distinct from a failure so that CI can tell "different" from "could not compare".
     */
    public static final int DRIFT = 7;
    /** A long transaction kept a lock the migration needs past --max-blocker-age and the retry deadline; nothing of that migration ran. */
    public static final int BLOCKED = 8;
    /**
     * A backup does not match its manifest: its file's checksum differs, or a database restored from it
     * (by {@code backup verify} or {@code restore}) has another schema or other row counts.
     */
    public static final int BACKUP_MISMATCH = 9;
    /** {@code doctor} (or {@code migrate --preflight}) found a failed check; with --preflight nothing ran. */
    public static final int CHECK_FAILED = 11;
    /** Anything else: a bug or an environment problem; the message says what. */
    public static final int INTERNAL = 10;

    private ExitCodes() {
    }
}
