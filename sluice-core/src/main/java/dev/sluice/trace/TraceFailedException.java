package dev.sluice.trace;

/** A migration failed while being traced on the scratch database; the message names it and the server's error. */
public final class TraceFailedException extends RuntimeException {
    public TraceFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
