package dev.sluice.db.internal;

import java.sql.SQLException;

/**
 * The SQLSTATEs Sluice reacts to, named in one place. Retry logic lists the ones it retries; anything
 * not named here is treated as a plain failure.
 */
public final class SqlStates {

    /** lock_not_available: a {@code lock_timeout} expired, or NOWAIT found the lock taken. Retryable. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** deadlock_detected: the server broke a deadlock by cancelling us. Retryable. */
    public static final String DEADLOCK_DETECTED = "40P01";
    /** serialization_failure. Retryable. */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** query_canceled: a {@code statement_timeout} expired or someone cancelled the query. Not retried. */
    public static final String QUERY_CANCELED = "57014";
    /** invalid_password: wrong password. */
    public static final String INVALID_PASSWORD = "28P01";
    /** invalid_authorization_specification: no such role, or pg_hba refused. */
    public static final String INVALID_AUTHORIZATION = "28000";
    /** invalid_catalog_name: the database does not exist. */
    public static final String INVALID_CATALOG_NAME = "3D000";
    /** active_sql_transaction: a statement that cannot run inside a transaction block was run in one. */
    public static final String ACTIVE_SQL_TRANSACTION = "25001";
    /** syntax_error. */
    public static final String SYNTAX_ERROR = "42601";
    /** undefined_table. */
    public static final String UNDEFINED_TABLE = "42P01";
    /** unique_violation: here, a second APPLIED row for one version in the history table. */
    public static final String UNIQUE_VIOLATION = "23505";
    /** admin_shutdown: the server is shutting down, or an administrator terminated this session. */
    public static final String ADMIN_SHUTDOWN = "57P01";
    /** crash_shutdown: the server is restarting after another backend crashed. */
    public static final String CRASH_SHUTDOWN = "57P02";
    /** cannot_connect_now: the server is starting up or shutting down. */
    public static final String CANNOT_CONNECT_NOW = "57P03";
    /** undefined_object: e.g. a setting this server version does not know. */
    public static final String UNDEFINED_OBJECT = "42704";
    /**
     * insufficient_privilege: the user lacks a privilege on an object ("permission denied for table ..."),
     * or is not its owner. Not retried: a person must grant it.
     */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** idle_in_transaction_session_timeout fired. */
    public static final String IDLE_IN_TRANSACTION_TIMEOUT = "25P03";

    private SqlStates() {
    }

    /** Whether the connection could not be made at all (class 08, connection exception). */
    public static boolean isConnectionFailure(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    /**
     * Whether the session is gone: the connection broke (class 08), or the server ended it (shutdown, crash
     * restart, {@code pg_terminate_backend}). Nothing more can run on that connection.
     */
    public static boolean isSessionLost(SQLException e) {
        String s = e.getSQLState();
        return isConnectionFailure(e) || ADMIN_SHUTDOWN.equals(s) || CRASH_SHUTDOWN.equals(s) || CANNOT_CONNECT_NOW.equals(s);
    }

    /**
     * The error among {@code e}, its causes and what they suppressed that says the session is gone
     * ({@link #isSessionLost}), if any: a runner's own exceptions wrap the driver's, and a rollback that
     * failed on the dead session is suppressed under the error that ended it.
     */
    public static java.util.Optional<SQLException> sessionLostIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isSessionLost(sql)) {
                return java.util.Optional.of(sql);
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof SQLException sql && isSessionLost(sql)) {
                    return java.util.Optional.of(sql);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether the user lacks a privilege on some object (42501). */
    public static boolean isPermissionDenied(SQLException e) {
        return INSUFFICIENT_PRIVILEGE.equals(e.getSQLState());
    }

    /** Whether the server refused who we are (class 28) or the database is missing. */
    public static boolean isAuthenticationFailure(SQLException e) {
        String s = e.getSQLState();
        return INVALID_PASSWORD.equals(s) || INVALID_AUTHORIZATION.equals(s);
    }
}
