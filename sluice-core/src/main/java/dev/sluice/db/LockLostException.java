package dev.sluice.db;

/**
 * This runner no longer holds the migration lock: its session ended (terminated by an administrator, a
 * pooler, {@code idle_session_timeout}, or a network failure) while the run went on. Another runner may
 * hold the lock now, so this one must stop before it starts anything more.
 */
public final class LockLostException extends RuntimeException {

    public LockLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
