package dev.sluice.rewrite;

/** A rewrite that cannot start, go on or finish; the message says what is left and what to run next. */
public final class RewriteException extends RuntimeException {
    public RewriteException(String message) {
        super(message);
    }

    public RewriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
