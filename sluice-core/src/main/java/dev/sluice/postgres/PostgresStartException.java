package dev.sluice.postgres;

/** An embedded or throwaway PostgreSQL did not start; the message carries the end of the server's log. */
public final class PostgresStartException extends RuntimeException {
    public PostgresStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
