package dev.sluice.online;

/**
 * An online change that cannot be planned or run as asked: a table or column that does not exist, an
 * operation this table cannot take safely, a change already in progress. The message says what to do.
 */
public final class OnlineException extends RuntimeException {
    public OnlineException(String message) {
        super(message);
    }

    public OnlineException(String message, Throwable cause) {
        super(message, cause);
    }
}
