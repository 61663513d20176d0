package dev.sluice.db;

/**
 * The database could not be reached or refused the login. Nothing was changed. The message names the
 * masked URL and what to check; it never carries the password.
 */
public final class DatabaseUnavailableException extends RuntimeException {
    private final boolean authentication;

    public DatabaseUnavailableException(String message, boolean authentication, Throwable cause) {
        super(message, cause);
        this.authentication = authentication;
    }

    /** True when the server answered but refused who we are. */
    public boolean authentication() {
        return authentication;
    }
}
