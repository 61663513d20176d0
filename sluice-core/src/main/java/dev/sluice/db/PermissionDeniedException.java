package dev.sluice.db;

/**
 * The connected user lacks a privilege Sluice needs before it can run anything: to read or write the
 * history table, or to create it. Nothing was changed. The message names the user, the privileges and
 * the object, and the GRANT that would fix it.
 *
 * <p>A privilege missing inside a migration's own statements is not this: that is a failed migration,
 * reported with its file and line.
 */
public final class PermissionDeniedException extends RuntimeException {

    public PermissionDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
