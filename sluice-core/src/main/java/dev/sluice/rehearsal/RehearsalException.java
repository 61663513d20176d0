package dev.sluice.rehearsal;

/** The rehearsal could not be carried out (a broken seed file); the message names the file and line. */
public final class RehearsalException extends RuntimeException {
    public RehearsalException(String message, Throwable cause) {
        super(message, cause);
    }
}
