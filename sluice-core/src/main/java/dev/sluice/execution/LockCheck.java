package dev.sluice.execution;

/**
 * Asks whether this runner still holds the migration lock; the executor asks before every step and before
 * every statement of a migration that runs statement by statement.
 *
 * <p>It throws {@link dev.sluice.db.LockLostException} when the lock is gone. {@link #NONE} stands in
 * where no lock is involved (a scratch database that nobody else can reach).
 */
@FunctionalInterface
public interface LockCheck {

    LockCheck NONE = () -> {
    };

    void verifyHeld();
}
