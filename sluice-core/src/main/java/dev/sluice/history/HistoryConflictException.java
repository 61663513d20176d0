package dev.sluice.history;

/**
 * The history table refused a write that would record one migration twice: another runner applied, took
 * over or rolled back the same migration while this one ran it, which happens only when this runner lost
 * its migration lock. The transaction that hit it is rolled back, so this run's copy of the work is gone.
 */
public final class HistoryConflictException extends RuntimeException {

    public HistoryConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
